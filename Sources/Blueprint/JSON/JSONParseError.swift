/// Why a JSON text was rejected, and where.
///
/// `message` is a short English sentence that names the byte offset, suitable for embedding in an API error
/// such as "We could not parse the JSON body of your request: Unexpected character 'x' at byte 12".
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of problem the parser reports.
    public enum Reason: Sendable, Hashable {
        /// The input ended where more was required (inside a value, or before any value).
        case unexpectedEndOfInput
        /// A byte that cannot start or continue the value here.
        case unexpectedCharacter(UInt8)
        /// A string whose closing quote never came.
        case unterminatedString
        /// A backslash followed by something other than `" \ / b f n r t u`.
        case invalidEscape
        /// `\u` not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// An unescaped byte below 0x20 inside a string (RFC 8259 §7).
        case controlCharacterInString
        /// Bytes that are not well-formed UTF-8 (RFC 8259 §8.1, RFC 3629).
        case invalidUTF8
        /// A number that breaks the RFC 8259 §6 grammar (leading zero, missing digits).
        case invalidNumber(String)
        /// A number too large to represent as a finite `Double`.
        case numberOutOfRange
        /// Arrays and objects nested deeper than the limit.
        case nestingTooDeep(limit: Int)
        /// Something other than whitespace after the top-level value.
        case trailingCharacters
    }

    /// What went wrong.
    public let reason: Reason
    /// The offset of the offending byte from the start of the input.
    public let offset: Int

    /// Creates an error for `reason` at byte `offset`.
    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A human-readable sentence, e.g. "Unexpected character 'x' at byte 12".
    public var message: String {
        switch reason {
        case .unexpectedEndOfInput:
            return "Unexpected end of input at byte \(offset)"
        case .unexpectedCharacter(let byte):
            return "Unexpected \(Self.describe(byte)) at byte \(offset)"
        case .unterminatedString:
            return "Unterminated string starting at byte \(offset)"
        case .invalidEscape:
            return "Invalid escape sequence in string at byte \(offset)"
        case .invalidUnicodeEscape:
            return "Invalid \\u escape in string at byte \(offset)"
        case .controlCharacterInString:
            return "Unescaped control character in string at byte \(offset)"
        case .invalidUTF8:
            return "Invalid UTF-8 at byte \(offset)"
        case .invalidNumber(let detail):
            return "Invalid number at byte \(offset): \(detail)"
        case .numberOutOfRange:
            return "Number out of range at byte \(offset)"
        case .nestingTooDeep(let limit):
            return "Nesting deeper than \(limit) levels at byte \(offset)"
        case .trailingCharacters:
            return "Unexpected data after the JSON value at byte \(offset)"
        }
    }

    /// Same as `message`.
    public var description: String { message }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "character '\(Character(Unicode.Scalar(byte)))'"
        }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
}
