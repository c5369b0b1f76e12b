extension HTTPRequestParser {
    /// Decodes as much of a chunked body (RFC 9112 §7.1) as is buffered, consuming the bytes it decodes.
    /// Returns true once the last chunk and the trailer section are read.
    mutating func readChunkedBody(from chunkStage: ChunkStage) throws(HTTPParseError) -> Bool {
        var chunkStage = chunkStage
        defer { stage = .chunked(chunkStage) }
        while true {
            switch chunkStage {
            case .sizeLine:
                guard let line = try scanChunkLine() else { return false }
                let size = try withUnconsumedBytes { bytes throws(HTTPParseError) in
                    try HTTPRequestParser.parseChunkSize(UnsafeBufferPointer(rebasing: bytes[0..<line.contentEnd]))
                }
                consume(line.length)
                if size == 0 {
                    chunkStage = .trailers
                } else if size > limits.maxBodyBytes - body.count {
                    throw .bodyTooLarge(limit: limits.maxBodyBytes)
                } else {
                    chunkStage = .data(remaining: size)
                }
            case .data(let remaining):
                let count = min(remaining, buffer.count - readIndex)
                guard count > 0 else { return false }
                body.append(contentsOf: buffer[readIndex..<readIndex + count])
                consume(count)
                chunkStage = count == remaining ? .dataEnd : .data(remaining: remaining - count)
            case .dataEnd:
                // RFC 9112 §7.1: chunk data is followed by CRLF; a bare LF is tolerated as for any line (§2.2).
                let available = buffer.count - readIndex
                guard available > 0 else { return false }
                if buffer[readIndex] == HTTPSyntax.lf {
                    consume(1)
                } else if buffer[readIndex] == HTTPSyntax.cr {
                    guard available > 1 else { return false }
                    guard buffer[readIndex + 1] == HTTPSyntax.lf else { throw .invalidChunkFraming }
                    consume(2)
                } else {
                    throw .invalidChunkFraming
                }
                chunkStage = .sizeLine
            case .trailers:
                guard let line = try scanTrailerLine() else { return false }
                if line.contentEnd == 0 {
                    consume(line.length)
                    return true
                }
                // RFC 9112 §7.1.2: trailer fields are parsed like header fields; this server does not use them.
                _ = try withUnconsumedBytes { bytes throws(HTTPParseError) in
                    try HTTPRequestParser.parseFieldLine(UnsafeBufferPointer(rebasing: bytes[0..<line.length]), from: 0)
                }
                consume(line.length)
            }
        }
    }

    /// A line at `readIndex`: its length with the line ending, and where its content ends.
    struct BufferedLine {
        var length: Int
        var contentEnd: Int
    }

    /// Finds the chunk-size line at `readIndex`, failing once it is certain to be longer than allowed.
    mutating func scanChunkLine() throws(HTTPParseError) -> BufferedLine? {
        let limit = HTTPRequestParser.maxChunkLineBytes
        guard let line = scanLine() else {
            let unterminated = buffer.count - readIndex
            let canStillFit = unterminated <= limit || (unterminated - 1 <= limit && buffer.last == HTTPSyntax.cr)
            if !canStillFit { throw .chunkLineTooLong(limit: limit) }
            return nil
        }
        if line.contentEnd > limit { throw .chunkLineTooLong(limit: limit) }
        return line
    }

    /// Finds the trailer line at `readIndex`; trailers count against the header limits.
    mutating func scanTrailerLine() throws(HTTPParseError) -> BufferedLine? {
        guard let line = scanLine() else {
            if sectionBytes + (buffer.count - readIndex) >= limits.maxHeaderBytes {
                throw .headersTooLarge(limit: limits.maxHeaderBytes)
            }
            return nil
        }
        sectionBytes += line.length
        if sectionBytes > limits.maxHeaderBytes { throw .headersTooLarge(limit: limits.maxHeaderBytes) }
        if line.contentEnd > 0 {
            fieldCount += 1
            if fieldCount > limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
        }
        return line
    }

    /// Finds the LF ending the line at `readIndex`, resuming the search where the last call stopped.
    mutating func scanLine() -> BufferedLine? {
        let start = readIndex
        let from = scanOffset
        let lf = buffer.withUnsafeBufferPointer { all in
            HTTPRequestParser.firstLF(UnsafeBufferPointer(rebasing: all[start...]), from: from)
        }
        guard let lf else {
            scanOffset = buffer.count - readIndex
            return nil
        }
        let contentEnd = lf > 0 && buffer[readIndex + lf - 1] == HTTPSyntax.cr ? lf - 1 : lf
        return BufferedLine(length: lf + 1, contentEnd: contentEnd)
    }

    func withUnconsumedBytes<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let start = readIndex
        return try buffer.withUnsafeBufferPointer { all throws(Failure) in
            try body(UnsafeBufferPointer(rebasing: all[start...]))
        }
    }

    /// Parses `chunk-size [ chunk-ext ]` (RFC 9112 §7.1) from a line without its line ending.
    static func parseChunkSize(_ line: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> Int {
        var size = 0
        var index = 0
        while index < line.count, let digit = HTTPSyntax.hexValue(line[index]) {
            let (product, productOverflow) = size.multipliedReportingOverflow(by: 16)
            let (sum, sumOverflow) = product.addingReportingOverflow(digit)
            if productOverflow || sumOverflow { throw .invalidChunkSize }
            size = sum
            index += 1
        }
        guard index > 0 else { throw .invalidChunkSize }
        if index == line.count { return size }
        // chunk-ext = *( BWS ";" BWS chunk-ext-name [ BWS "=" BWS chunk-ext-val ] ) (RFC 9112 §7.1.1). Extensions
        // are ignored, so only their bytes are checked.
        var extensionStart = index
        while extensionStart < line.count && HTTPSyntax.isWhitespace(line[extensionStart]) { extensionStart += 1 }
        guard extensionStart < line.count, line[extensionStart] == HTTPSyntax.semicolon else {
            throw .invalidChunkSize
        }
        for extensionIndex in extensionStart..<line.count where !HTTPSyntax.isFieldValueByte(line[extensionIndex]) {
            throw line[extensionIndex] == HTTPSyntax.cr ? .bareCR : .invalidChunkExtension
        }
        return size
    }
}
