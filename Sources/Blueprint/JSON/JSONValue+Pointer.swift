extension JSONValue {
    /// The value a local reference such as `#`, `#/$defs/Address` or `#/properties/a~1b` points to, or nil.
    ///
    /// Only fragment-only references into this document are understood (RFC 6901 pointers with the
    /// `~0`/`~1` escapes and URI percent-encoding); references to other documents return nil.
    func resolveLocalReference(_ reference: String) -> JSONValue? {
        guard reference.first == "#" else { return nil }
        let pointer = reference.dropFirst()
        if pointer.isEmpty { return self }
        guard pointer.first == "/" else { return nil }
        var current = self
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            guard let decoded = Self.percentDecoded(rawToken) else { return nil }
            let token = decoded.replacing("~1", with: "/").replacing("~0", with: "~")
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let array):
                guard let position = Int(token), array.indices.contains(position) else { return nil }
                current = array[position]
            default:
                return nil
            }
        }
        return current
    }

    private static func percentDecoded(_ token: Substring) -> String? {
        guard token.contains("%") else { return String(token) }
        var bytes: [UInt8] = []
        var utf8 = token.utf8.makeIterator()
        while let byte = utf8.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = utf8.next().flatMap(hexValue), let low = utf8.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// `token` escaped for use inside a JSON Pointer (RFC 6901 §3).
    static func pointerToken(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
