/// Blueprint's one tokenizer: what usage figures, `max_tokens` and stream chunking count.
///
/// It is not OpenAI's BPE; it is a simple, documented rule that lands near it for English text. Scanning the
/// text from the start, the next token is given by the first of these rules that matches:
///
/// 1. **Letters**: an optional single leading space (U+0020) and a run of letters, where a letter is a Unicode
///    scalar of general category L (letters) or M (combining marks, so decomposed accents stay in their word).
///    Runs longer than 12 scalars split every 12; only the first piece carries the space.
/// 2. **Digits**: an optional single leading space and a run of up to 3 decimal digits (general category Nd).
/// 3. **Newline**: one `\n`.
/// 4. **Whitespace**: a run of other whitespace (Unicode White_Space, not `\n`). When such a run of two or more
///    scalars ends in a space that is followed by a letter, digit or other scalar, that last space is left to
///    lead the next token (`"a  b"` is `a`, ` `, ` b`).
/// 5. **Other**: any other single Unicode scalar (punctuation, symbols, each scalar of an emoji sequence), with a
///    single leading space attached when one precedes it.
///
/// Tokens are cut at Unicode scalar boundaries, not grapheme boundaries: `"\r\n"` is two tokens. The tokens of a
/// text concatenate back to it exactly. ASCII bytes are classified by a few comparisons; only non-ASCII scalars are
/// decoded and looked up in the Unicode properties.
///
/// Conversation counts add an overhead like OpenAI's chat format, see `count(messages:)`.
public enum TokenCounter {
    /// The most scalars in one letters token.
    static let maxLetterRun = 12
    /// The most digits in one digits token.
    static let maxDigitRun = 3

    /// What a token is made of.
    enum Kind: UInt8 {
        case letters, digits, newline, whitespace, other
    }

    /// The number of tokens in `text`.
    public static func count(_ text: String) -> Int {
        text.withContiguousUTF8 { count(utf8: $0) }
    }

    /// The number of tokens in UTF-8 `bytes` (invalid sequences count as "other" scalars).
    public static func count(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var position = 0
        var tokens = 0
        while position < bytes.count {
            position = nextToken(in: bytes, from: position).end
            tokens += 1
        }
        return tokens
    }

    /// The tokens of `text`, in order; they concatenate back to `text` exactly.
    public static func tokens(_ text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        return text.withContiguousUTF8 { bytes in
            var result: [Substring] = []
            var position = 0
            var index = scalars.startIndex
            while position < bytes.count {
                let end = nextToken(in: bytes, from: position).end
                // A scalar view slice keeps scalar-aligned bounds; slicing the String would round them to Characters.
                let next = text.utf8.index(index, offsetBy: end - position)
                result.append(Substring(scalars[index..<next]))
                index = next
                position = end
            }
            return result
        }
    }

    // Inlined with `letterRunEnd` into the scanning loops: two calls per token were a third of counting a short
    // message.
    /// The end offset and kind of the token that starts at `start` (which must be below `bytes.count`).
    @inline(__always)
    static func nextToken(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, kind: Kind) {
        let first = bytes[start]
        if first == 0x20, start + 1 < bytes.count {
            let (following, length) = scalar(in: bytes, at: start + 1)
            switch following {
            case .letters: return (letterRunEnd(in: bytes, from: start + 1 + length, scalars: 1), .letters)
            case .digits: return (digitRunEnd(in: bytes, from: start + 1 + length), .digits)
            case .other: return (start + 1 + length, .other)
            case .newline, .whitespace: break
            }
        }
        let (kind, length) = scalar(in: bytes, at: start)
        switch kind {
        case .letters: return (letterRunEnd(in: bytes, from: start + length, scalars: 1), .letters)
        case .digits: return (digitRunEnd(in: bytes, from: start + length), .digits)
        case .newline, .other: return (start + length, kind)
        case .whitespace: return (whitespaceRunEnd(in: bytes, from: start, firstLength: length), .whitespace)
        }
    }

    @inline(__always)
    private static func letterRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, scalars: Int) -> Int {
        var position = start
        var runLength = scalars
        while position < bytes.count, runLength < maxLetterRun {
            let byte = bytes[position]
            if byte < 0x80 {
                guard asciiKind(byte) == .letters else { return position }
                position += 1
            } else {
                let (kind, length) = scalar(in: bytes, at: position)
                guard kind == .letters else { return position }
                position += length
            }
            runLength += 1
        }
        return position
    }

    private static func digitRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        var runLength = 1
        while position < bytes.count, runLength < maxDigitRun {
            let (kind, length) = scalar(in: bytes, at: position)
            guard kind == .digits else { return position }
            position += length
            runLength += 1
        }
        return position
    }

    private static func whitespaceRunEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, firstLength: Int) -> Int
    {
        var position = start + firstLength
        var runLength = 1
        while position < bytes.count {
            let (kind, length) = scalar(in: bytes, at: position)
            guard kind == .whitespace else {
                // Leave a final space to lead the next token, as rules 1, 2 and 5 attach it.
                if kind != .newline, runLength > 1, bytes[position - 1] == 0x20 { return position - 1 }
                return position
            }
            position += length
            runLength += 1
        }
        return position
    }

    /// The kind and UTF-8 length of the scalar starting at `position`.
    @inline(__always)
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Kind, Int) {
        let lead = bytes[position]
        if lead < 0x80 { return (asciiKind(lead), 1) }
        return decodedScalar(in: bytes, at: position)
    }

    // Never inlined: the Unicode property lookup below needs runtime type metadata, which a caller that inlined it
    // would fetch on every call, even for ASCII text.
    @inline(never)
    private static func decodedScalar(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (Kind, Int) {
        let lead = UInt32(bytes[position])
        let length: Int
        var value: UInt32
        if lead >= 0xF0 {
            length = 4
            value = lead & 0x07
        } else if lead >= 0xE0 {
            length = 3
            value = lead & 0x0F
        } else {
            length = 2
            value = lead & 0x1F
        }
        let end = min(position + length, bytes.count)
        var index = position + 1
        while index < end {
            value = value << 6 | UInt32(bytes[index] & 0x3F)
            index += 1
        }
        guard let scalar = Unicode.Scalar(value) else { return (.other, end - position) }
        return (kind(of: scalar), end - position)
    }

    /// The kind of a non-ASCII scalar.
    static func kind(of scalar: Unicode.Scalar) -> Kind {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return .letters
        case .decimalNumber:
            return .digits
        default:
            if scalar == "\n" { return .newline }
            return properties.isWhitespace ? .whitespace : .other
        }
    }

    /// The kind of an ASCII byte, by comparisons rather than a table (a static table costs a lazy-init check).
    @inline(__always)
    static func asciiKind(_ byte: UInt8) -> Kind {
        if (byte | 0x20) &- 0x61 < 26 { return .letters }
        if byte &- 0x30 < 10 { return .digits }
        if byte == 0x0A { return .newline }
        // U+0009...U+000D and U+0020 are ASCII's White_Space scalars.
        if byte == 0x20 || byte &- 0x09 < 5 { return .whitespace }
        return .other
    }
}
