extension HTTPRequestParser {
    /// What Host, Content-Length, Transfer-Encoding and Expect say, gathered while the field lines are parsed
    /// and checked together once the head is complete.
    struct FramingFields {
        var hostCount = 0
        var contentLength: Int?
        var hasTransferEncoding = false
        var codingCount = 0
        var chunkedCount = 0
        var lastCodingIsChunked = false
        var malformedCoding = false
        var unknownCoding: String?
        var expectsContinue = false
        var unsupportedExpectation = false

        /// Takes note of a field if it is one of the four that matter here.
        mutating func note(_ field: FieldLine, in bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
            switch field.name.count {
            case 4:
                if HTTPSyntax.equalsIgnoringCase(bytes, field.name, "host") { try noteHost(field.value, in: bytes) }
            case 6:
                if HTTPSyntax.equalsIgnoringCase(bytes, field.name, "expect") { noteExpect(field.value, in: bytes) }
            case 14:
                if HTTPSyntax.equalsIgnoringCase(bytes, field.name, "content-length") {
                    try noteContentLength(field.value, in: bytes)
                }
            case 17:
                if HTTPSyntax.equalsIgnoringCase(bytes, field.name, "transfer-encoding") {
                    noteTransferEncoding(field.value, in: bytes)
                }
            default:
                break
            }
        }

        /// RFC 9112 §3.2: more than one Host field, or an invalid value, is answered with 400.
        mutating func noteHost(_ value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
            hostCount += 1
            if hostCount > 1 { throw .duplicateHost }
            for index in value where !HTTPSyntax.isHostByte(bytes[index]) { throw .invalidHost }
        }

        /// RFC 9110 §8.6 and RFC 9112 §6.3: digits only; a list or repeated fields only if every value is equal.
        mutating func noteContentLength(
            _ value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>
        ) throws(HTTPParseError) {
            try HTTPSyntax.forEachListElement(bytes, value) { element throws(HTTPParseError) in
                guard !element.isEmpty else { throw .invalidContentLength }
                var length = 0
                for index in element {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit <= 9 else { throw .invalidContentLength }
                    // Saturates: any length this large is over every body limit anyway.
                    let (product, productOverflow) = length.multipliedReportingOverflow(by: 10)
                    let (sum, sumOverflow) = product.addingReportingOverflow(Int(digit))
                    length = productOverflow || sumOverflow ? Int.max : sum
                }
                if let existing = contentLength, existing != length { throw .conflictingContentLengths }
                contentLength = length
            }
        }

        /// RFC 9112 §6.1: the codings of every Transfer-Encoding field, in order.
        mutating func noteTransferEncoding(_ value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
            hasTransferEncoding = true
            HTTPSyntax.forEachListElement(bytes, value) { element in
                // RFC 9110 §5.6.1: empty list elements are ignored.
                if element.isEmpty { return }
                codingCount += 1
                if HTTPSyntax.equalsIgnoringCase(bytes, element, "chunked") {
                    chunkedCount += 1
                    lastCodingIsChunked = true
                    return
                }
                lastCodingIsChunked = false
                var nameEnd = element.lowerBound
                while nameEnd < element.upperBound && HTTPSyntax.isTokenByte(bytes[nameEnd]) { nameEnd += 1 }
                let name = element.lowerBound..<nameEnd
                let rest = HTTPSyntax.trimmed(bytes, nameEnd..<element.upperBound)
                // A coding is a token with optional parameters; chunked takes none (RFC 9112 §7).
                if name.isEmpty || (!rest.isEmpty && bytes[rest.lowerBound] != HTTPSyntax.semicolon)
                    || HTTPSyntax.equalsIgnoringCase(bytes, name, "chunked")
                {
                    malformedCoding = true
                } else if unknownCoding == nil {
                    unknownCoding = HTTPRequestParser.string(bytes, name).lowercased()
                }
            }
        }

        /// RFC 9110 §10.1.1: `100-continue` is the only expectation defined.
        mutating func noteExpect(_ value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
            HTTPSyntax.forEachListElement(bytes, value) { element in
                if element.isEmpty { return }
                if HTTPSyntax.equalsIgnoringCase(bytes, element, "100-continue") {
                    expectsContinue = true
                } else {
                    unsupportedExpectation = true
                }
            }
        }

        /// Checks the fields together and decides how the body is framed (RFC 9112 §6.3) and whether the client
        /// waits for `100 Continue`.
        func resolve(
            version: HTTPVersion, limits: HTTPLimits
        ) throws(HTTPParseError) -> (framing: RequestFraming, expectsContinue: Bool) {
            if version == .http1_1 && hostCount == 0 { throw .missingHost }
            let framing: RequestFraming
            if hasTransferEncoding {
                if version == .http1_0 { throw .transferEncodingOnHTTP10 }
                // RFC 9112 §6.1 allows rejecting this, and it is how request smuggling starts.
                if contentLength != nil { throw .contentLengthWithTransferEncoding }
                if malformedCoding || codingCount == 0 { throw .invalidTransferEncoding }
                if !lastCodingIsChunked { throw .transferEncodingNotChunked }
                if chunkedCount > 1 { throw .invalidTransferEncoding }
                if let unknownCoding { throw .unknownTransferCoding(unknownCoding) }
                framing = .chunked
            } else if let contentLength {
                // Refused before any of the body is read.
                if contentLength > limits.maxBodyBytes { throw .bodyTooLarge(limit: limits.maxBodyBytes) }
                framing = contentLength == 0 ? .none : .length(contentLength)
            } else {
                // RFC 9112 §6.3: a request without framing fields has no body.
                framing = .none
            }
            if unsupportedExpectation { throw .unsupportedExpectation }
            // RFC 9110 §10.1.1: a 100-continue expectation in an HTTP/1.0 request is ignored.
            return (framing, expectsContinue && version == .http1_1 && framing != .none)
        }
    }
}
