import Glibc

extension HTTPRequestParser {
    /// How the body of a request is delimited (RFC 9112 §6.3).
    enum RequestFraming: Equatable {
        case none
        case length(Int)
        case chunked
    }

    /// A parsed request head.
    struct ParsedHead {
        var request: HTTPRequest
        var framing: RequestFraming
        var expectsContinue: Bool
    }

    /// Looks for the end of the head, resuming where the last call stopped, and enforces the size limits on the
    /// part seen so far. Returns the head length, from `readIndex`, once the empty line that ends it is buffered.
    mutating func scanHead() throws(HTTPParseError) -> Int? {
        let limits = self.limits
        let start = readIndex
        var scanOffset = self.scanOffset
        var lineStart = self.lineStart
        var fieldsStart = self.fieldsStart
        var fieldCount = self.fieldCount
        var skipped = 0
        let headLength = try buffer.withUnsafeBufferPointer { all throws(HTTPParseError) -> Int? in
            let bytes = UnsafeBufferPointer(rebasing: all[start...])
            let end = bytes.count
            while scanOffset < end {
                guard let lf = HTTPRequestParser.firstLF(bytes, from: scanOffset) else {
                    scanOffset = end
                    break
                }
                let contentEnd = HTTPRequestParser.contentEnd(bytes, lineStart: lineStart, lf: lf)
                scanOffset = lf + 1
                if fieldsStart < 0 {
                    if contentEnd == lineStart {
                        // RFC 9112 §2.2: empty lines before the request line are ignored.
                        skipped = scanOffset
                    } else if contentEnd - lineStart > limits.maxRequestLineBytes {
                        throw .uriTooLong(limit: limits.maxRequestLineBytes)
                    } else {
                        fieldsStart = scanOffset
                    }
                } else {
                    if scanOffset - fieldsStart > limits.maxHeaderBytes {
                        throw .headersTooLarge(limit: limits.maxHeaderBytes)
                    }
                    if contentEnd == lineStart { return scanOffset }
                    fieldCount += 1
                    if fieldCount > limits.maxHeaderCount { throw .tooManyHeaders(limit: limits.maxHeaderCount) }
                }
                lineStart = scanOffset
            }
            // The head is incomplete: fail as soon as what is buffered can no longer fit the limits.
            if fieldsStart < 0 {
                let unterminated = end - lineStart
                let canStillFit =
                    unterminated <= limits.maxRequestLineBytes
                    || (unterminated - 1 <= limits.maxRequestLineBytes && bytes[end - 1] == HTTPSyntax.cr)
                if !canStillFit { throw .uriTooLong(limit: limits.maxRequestLineBytes) }
            } else if end - fieldsStart >= limits.maxHeaderBytes {
                throw .headersTooLarge(limit: limits.maxHeaderBytes)
            }
            return nil
        }
        self.scanOffset = scanOffset - skipped
        self.lineStart = lineStart - skipped
        self.fieldsStart = fieldsStart < 0 ? fieldsStart : fieldsStart - skipped
        self.fieldCount = fieldCount
        readIndex += skipped
        return headLength.map { $0 - skipped }
    }

    /// The index of the first LF in `bytes` at or after `start`.
    static func firstLF(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + start, Int32(HTTPSyntax.lf), bytes.count - start) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// The end of a line's content: before its LF and the CR preceding it, if any.
    @inline(__always) static func contentEnd(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, lf: Int) -> Int {
        lf > lineStart && bytes[lf - 1] == HTTPSyntax.cr ? lf - 1 : lf
    }

    /// Parses a complete head: the request line, the field lines and the framing they imply.
    static func parseHead(
        _ head: UnsafeBufferPointer<UInt8>, fieldsStart: Int, fieldCount: Int, limits: HTTPLimits
    ) throws(HTTPParseError) -> ParsedHead {
        let requestLineEnd = contentEnd(head, lineStart: 0, lf: fieldsStart - 1)
        let (method, target, version) = try parseRequestLine(head, end: requestLineEnd)

        var headers = HTTPHeaders()
        headers.storage.reserveCapacity(head.count - fieldsStart)
        headers.fields.reserveCapacity(fieldCount)
        var framing = FramingFields()
        var lineStart = fieldsStart
        // The scan found the end of the head, so every line here ends with an LF, the last one being empty.
        while head[lineStart] != HTTPSyntax.lf
            && !(head[lineStart] == HTTPSyntax.cr && head[lineStart + 1] == HTTPSyntax.lf)
        {
            let field = try parseFieldLine(head, from: lineStart)
            try framing.note(field, in: head)
            headers.appendRaw(
                name: UnsafeBufferPointer(rebasing: head[field.name]),
                value: UnsafeBufferPointer(rebasing: head[field.value]))
            lineStart = field.next
        }

        let (bodyFraming, expectsContinue) = try framing.resolve(version: version, limits: limits)
        return ParsedHead(
            request: HTTPRequest(method: method, target: target, version: version, headers: headers),
            framing: bodyFraming, expectsContinue: expectsContinue)
    }

    // MARK: - Request line

    /// Parses `method SP request-target SP HTTP-version` (RFC 9112 §3).
    static func parseRequestLine(
        _ bytes: UnsafeBufferPointer<UInt8>, end: Int
    ) throws(HTTPParseError) -> (HTTPMethod, String, HTTPVersion) {
        var firstSpace = -1
        var lastSpace = -1
        for index in 0..<end {
            let byte = bytes[index]
            if byte == HTTPSyntax.space {
                if firstSpace < 0 { firstSpace = index }
                lastSpace = index
            } else if byte == HTTPSyntax.cr {
                throw .bareCR
            }
        }
        guard firstSpace > 0, lastSpace > firstSpace + 1 else { throw .malformedRequestLine }

        for index in 0..<firstSpace where !HTTPSyntax.isTokenByte(bytes[index]) { throw .invalidMethod }
        let method = knownMethod(bytes, 0..<firstSpace) ?? HTTPMethod(rawValue: string(bytes, 0..<firstSpace))
        let version = try parseVersion(bytes, lastSpace + 1..<end)
        let target = try parseTarget(bytes, firstSpace + 1..<lastSpace, method: method)
        return (method, target, version)
    }

    /// The shared constant for the common methods, so that comparing them is cheap.
    static func knownMethod(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> HTTPMethod? {
        switch range.count {
        case 3:
            if HTTPSyntax.equals(bytes, range, "GET") { return .get }
            if HTTPSyntax.equals(bytes, range, "PUT") { return .put }
        case 4:
            if HTTPSyntax.equals(bytes, range, "POST") { return .post }
            if HTTPSyntax.equals(bytes, range, "HEAD") { return .head }
        case 5:
            if HTTPSyntax.equals(bytes, range, "PATCH") { return .patch }
        case 6:
            if HTTPSyntax.equals(bytes, range, "DELETE") { return .delete }
        case 7:
            if HTTPSyntax.equals(bytes, range, "OPTIONS") { return .options }
        default:
            break
        }
        return nil
    }

    /// Parses `HTTP/DIGIT.DIGIT` (RFC 9112 §2.3); the name is case-sensitive.
    static func parseVersion(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) throws(HTTPParseError) -> HTTPVersion {
        guard range.count == 8, HTTPSyntax.equals(bytes, range.lowerBound..<range.lowerBound + 5, "HTTP/"),
            bytes[range.lowerBound + 6] == UInt8(ascii: ".")
        else { throw .invalidVersion }
        let major = bytes[range.lowerBound + 5] &- UInt8(ascii: "0")
        let minor = bytes[range.lowerBound + 7] &- UInt8(ascii: "0")
        guard major <= 9, minor <= 9 else { throw .invalidVersion }
        guard major == 1, minor <= 1 else { throw .unsupportedVersion(major: Int(major), minor: Int(minor)) }
        return minor == 1 ? .http1_1 : .http1_0
    }

    /// Validates the request target (RFC 9112 §3.2) and returns it in origin-form.
    static func parseTarget(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, method: HTTPMethod
    ) throws(HTTPParseError) -> String {
        for index in range where !HTTPSyntax.isTargetByte(bytes[index]) { throw .invalidTarget }
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "/") { return string(bytes, range) }
        if first == UInt8(ascii: "*") {
            // RFC 9112 §3.2.4: asterisk-form is only for a server-wide OPTIONS.
            guard range.count == 1, method == .options else { throw .invalidTarget }
            return "*"
        }
        return try originForm(ofAbsolute: bytes, range)
    }

    /// The path and query of an absolute-form target such as `http://host/path?q` (RFC 9112 §3.2.2).
    static func originForm(
        ofAbsolute bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>
    ) throws(HTTPParseError) -> String {
        var authorityStart = range.lowerBound
        if HTTPSyntax.equalsIgnoringCase(
            bytes, range.lowerBound..<min(range.lowerBound + 7, range.upperBound), "http://")
        {
            authorityStart += 7
        } else if HTTPSyntax.equalsIgnoringCase(
            bytes, range.lowerBound..<min(range.lowerBound + 8, range.upperBound), "https://")
        {
            authorityStart += 8
        } else {
            throw .invalidTarget
        }
        var pathStart = authorityStart
        while pathStart < range.upperBound && bytes[pathStart] != UInt8(ascii: "/")
            && bytes[pathStart] != UInt8(ascii: "?")
        {
            // RFC 9110 §4.2.4: userinfo in an http(s) URI is an error.
            guard HTTPSyntax.isHostByte(bytes[pathStart]) else { throw .invalidTarget }
            pathStart += 1
        }
        // RFC 9110 §4.2.1: an http(s) URI with an empty host is invalid.
        guard pathStart > authorityStart else { throw .invalidTarget }
        if pathStart == range.upperBound { return "/" }
        let rest = string(bytes, pathStart..<range.upperBound)
        return bytes[pathStart] == UInt8(ascii: "?") ? "/" + rest : rest
    }

    // MARK: - Field lines

    /// The parts of a field line.
    struct FieldLine {
        var name: Range<Int>
        var value: Range<Int>
        /// Where the next line starts.
        var next: Int
    }

    /// Parses `field-name ":" OWS field-value OWS` (RFC 9112 §5) from the line at `start`, which `bytes` must
    /// hold up to its LF.
    static func parseFieldLine(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int
    ) throws(HTTPParseError) -> FieldLine {
        // RFC 9112 §5.2 (obs-fold) and §2.2 (whitespace after the start line): both are rejected with 400.
        if HTTPSyntax.isWhitespace(bytes[start]) { throw .obsoleteLineFolding }
        var index = start
        while bytes[index] != HTTPSyntax.colon {
            let byte = bytes[index]
            if !HTTPSyntax.isTokenByte(byte) {
                if byte == HTTPSyntax.lf || (byte == HTTPSyntax.cr && bytes[index + 1] == HTTPSyntax.lf) {
                    throw index == start ? .invalidHeaderName : .missingColon
                }
                if byte == HTTPSyntax.cr { throw .bareCR }
                if HTTPSyntax.isWhitespace(byte) {
                    // RFC 9112 §5.1: no whitespace is allowed between the field name and the colon.
                    var next = index
                    while HTTPSyntax.isWhitespace(bytes[next]) { next += 1 }
                    if bytes[next] == HTTPSyntax.colon { throw .whitespaceBeforeColon }
                }
                throw .invalidHeaderName
            }
            index += 1
        }
        guard index > start else { throw .invalidHeaderName }
        let name = start..<index

        index += 1
        while HTTPSyntax.isWhitespace(bytes[index]) { index += 1 }
        let valueStart = index
        while HTTPSyntax.isFieldValueByte(bytes[index]) { index += 1 }
        let contentEnd = index
        if bytes[index] == HTTPSyntax.cr {
            // RFC 9112 §2.2: a CR is only allowed as part of the line ending.
            guard bytes[index + 1] == HTTPSyntax.lf else { throw .bareCR }
            index += 1
        } else if bytes[index] != HTTPSyntax.lf {
            // RFC 9110 §5.5: NUL and other control bytes are not allowed in a value.
            throw .invalidHeaderValue
        }
        var valueEnd = contentEnd
        while valueEnd > valueStart && HTTPSyntax.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        return FieldLine(name: name, value: valueStart..<valueEnd, next: index + 1)
    }

    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }
}
