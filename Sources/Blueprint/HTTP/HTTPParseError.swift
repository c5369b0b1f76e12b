/// Why a request could not be parsed. Each case knows the status to answer with and a sentence for the client.
///
/// After any of these the connection must be closed: the parser cannot find where the next request starts.
public enum HTTPParseError: Error, Equatable, Sendable {
    /// The request line is not `method SP request-target SP HTTP-version` (RFC 9112 §3).
    case malformedRequestLine
    /// The method is not a token (RFC 9110 §9.1).
    case invalidMethod
    /// The request target is not origin-form, absolute-form, or `*` for OPTIONS, or holds a forbidden byte
    /// (RFC 9112 §3.2).
    case invalidTarget
    /// The request line is longer than the limit, in bytes (RFC 9112 §3).
    case uriTooLong(limit: Int)
    /// The version is not of the form `HTTP/DIGIT.DIGIT` (RFC 9112 §2.3).
    case invalidVersion
    /// A well-formed version other than HTTP/1.0 and HTTP/1.1 (RFC 9110 §15.6.6).
    case unsupportedVersion(major: Int, minor: Int)
    /// A field line without a colon (RFC 9112 §5).
    case missingColon
    /// A field name that is empty or not a token (RFC 9110 §5.1).
    case invalidHeaderName
    /// Whitespace between a field name and the colon (RFC 9112 §5.1).
    case whitespaceBeforeColon
    /// A field line that starts with whitespace: obsolete line folding (RFC 9112 §5.2) or whitespace after the
    /// request line (RFC 9112 §2.2).
    case obsoleteLineFolding
    /// A field value holding NUL or another control byte (RFC 9110 §5.5).
    case invalidHeaderValue
    /// A CR that is not followed by LF (RFC 9112 §2.2).
    case bareCR
    /// The header section, trailers included, is larger than the limit, in bytes.
    case headersTooLarge(limit: Int)
    /// More header fields, trailers included, than the limit.
    case tooManyHeaders(limit: Int)
    /// An HTTP/1.1 request without a Host field (RFC 9112 §3.2).
    case missingHost
    /// More than one Host field (RFC 9112 §3.2).
    case duplicateHost
    /// A Host value that is not `host [ ":" port ]` (RFC 9112 §3.2).
    case invalidHost
    /// A Content-Length value that is not a list of decimal digits (RFC 9110 §8.6).
    case invalidContentLength
    /// Content-Length values that differ (RFC 9112 §6.3).
    case conflictingContentLengths
    /// Both Content-Length and Transfer-Encoding (RFC 9112 §6.1).
    case contentLengthWithTransferEncoding
    /// Transfer-Encoding on an HTTP/1.0 request (RFC 9112 §6.1).
    case transferEncodingOnHTTP10
    /// Transfer-Encoding whose final coding is not `chunked` (RFC 9112 §6.3).
    case transferEncodingNotChunked
    /// A malformed Transfer-Encoding value, or `chunked` applied more than once (RFC 9112 §6.1, §7).
    case invalidTransferEncoding
    /// A transfer coding other than `chunked` (RFC 9112 §6.1).
    case unknownTransferCoding(String)
    /// A chunk size that is not hexadecimal or does not fit in an integer (RFC 9112 §7.1).
    case invalidChunkSize
    /// A chunk extension that is malformed (RFC 9112 §7.1.1).
    case invalidChunkExtension
    /// A chunk-size line, extensions included, longer than the limit, in bytes.
    case chunkLineTooLong(limit: Int)
    /// Chunk data not followed by CRLF (RFC 9112 §7.1).
    case invalidChunkFraming
    /// A body larger than the limit, in bytes.
    case bodyTooLarge(limit: Int)
    /// An Expect value other than `100-continue` (RFC 9110 §10.1.1).
    case unsupportedExpectation

    /// The status to answer with (RFC 9110 §15, RFC 9112).
    public var status: HTTPStatus {
        switch self {
        case .uriTooLong: .uriTooLong
        case .unsupportedVersion: .httpVersionNotSupported
        case .headersTooLarge, .tooManyHeaders: .requestHeaderFieldsTooLarge
        case .unknownTransferCoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        case .unsupportedExpectation: HTTPStatus(code: 417)
        default: .badRequest
        }
    }

    /// A sentence for the client that says what was wrong.
    public var message: String {
        switch self {
        case .malformedRequestLine:
            "Malformed request line: expected \"METHOD target HTTP/1.1\"."
        case .invalidMethod:
            "Invalid request method: a method must be a token."
        case .invalidTarget:
            "Invalid request target: expected a path starting with \"/\" without spaces or control characters."
        case .uriTooLong(let limit):
            "URI too long: the request line may be at most \(limit) bytes."
        case .invalidVersion:
            "Invalid HTTP version: expected \"HTTP/1.1\" or \"HTTP/1.0\"."
        case .unsupportedVersion(let major, let minor):
            "HTTP version not supported: HTTP/\(major).\(minor) was requested; only HTTP/1.1 and HTTP/1.0 are served."
        case .missingColon:
            "Malformed header field: a header line has no colon."
        case .invalidHeaderName:
            "Malformed header field: a header name is empty or contains characters that are not allowed."
        case .whitespaceBeforeColon:
            "Malformed header field: whitespace between a header name and the colon is not allowed."
        case .obsoleteLineFolding:
            "Malformed header field: a header line starts with whitespace (obsolete line folding is not allowed)."
        case .invalidHeaderValue:
            "Malformed header field: a header value contains a control character."
        case .bareCR:
            "Malformed request: a carriage return must be followed by a line feed."
        case .headersTooLarge(let limit):
            "Request header fields too large: the header section may be at most \(limit) bytes."
        case .tooManyHeaders(let limit):
            "Request header fields too large: at most \(limit) fields are allowed."
        case .missingHost:
            "Missing Host header: HTTP/1.1 requests must carry exactly one Host header."
        case .duplicateHost:
            "Duplicate Host header: a request must carry exactly one Host header."
        case .invalidHost:
            "Invalid Host header: expected a host name with an optional port."
        case .invalidContentLength:
            "Invalid Content-Length: the value must be a non-negative decimal number."
        case .conflictingContentLengths:
            "Conflicting Content-Length values: all values must be equal."
        case .contentLengthWithTransferEncoding:
            "A request must not carry both Content-Length and Transfer-Encoding."
        case .transferEncodingOnHTTP10:
            "Transfer-Encoding is not allowed on HTTP/1.0 requests."
        case .transferEncodingNotChunked:
            "Invalid Transfer-Encoding: the final transfer coding must be chunked."
        case .invalidTransferEncoding:
            "Invalid Transfer-Encoding: the value is malformed or applies chunked more than once."
        case .unknownTransferCoding(let coding):
            "Transfer coding \"\(coding)\" is not implemented: only chunked is supported."
        case .invalidChunkSize:
            "Invalid chunked body: a chunk size is not a valid hexadecimal number."
        case .invalidChunkExtension:
            "Invalid chunked body: a chunk extension is malformed."
        case .chunkLineTooLong(let limit):
            "Invalid chunked body: a chunk size line may be at most \(limit) bytes, extensions included."
        case .invalidChunkFraming:
            "Invalid chunked body: chunk data must be followed by CRLF."
        case .bodyTooLarge(let limit):
            "Content too large: the request body may be at most \(limit) bytes."
        case .unsupportedExpectation:
            "Expectation failed: only \"Expect: 100-continue\" is supported."
        }
    }
}
