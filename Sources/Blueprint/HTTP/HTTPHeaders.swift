/// An ordered list of HTTP header fields that keeps repeated names and matches names case-insensitively.
///
/// Fields are stored as raw bytes so that parsing a request and encoding a response never split
/// strings; `String` values are made only when a caller asks for one.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    @usableFromInline struct Field: Sendable {
        @usableFromInline var nameStart: Int32
        @usableFromInline var nameEnd: Int32
        @usableFromInline var valueEnd: Int32
    }

    @usableFromInline var storage: [UInt8] = []
    @usableFromInline var fields: [Field] = []

    /// Creates an empty header list.
    public init() {}

    /// Creates a header list from name/value pairs, in order.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { add(name: name, value: value) }
    }

    /// Creates a header list from a dictionary literal, in source order.
    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { add(name: name, value: value) }
    }

    /// The number of fields, counting repeated names separately.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value for `name` (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        guard let index = firstIndex(of: name) else { return nil }
        return value(at: index)
    }

    /// Whether any field's name starts with `prefix` (case-insensitive).
    public func containsName(withPrefix prefix: String) -> Bool {
        prefix.withContiguousUTF8 { prefix in
            storage.withUnsafeBufferPointer { storage in
                fields.contains { HTTPHeaders.startsIgnoringCase(HTTPHeaders.name(of: $0, in: storage), with: prefix) }
            }
        }
    }

    /// Calls `body` with the bytes of the first value for `name` (case-insensitive), or nil: no `String` is made.
    public func withFirstValue<Result>(of name: String, _ body: (UnsafeBufferPointer<UInt8>?) -> Result) -> Result {
        guard let index = firstIndex(of: name) else { return body(nil) }
        let field = fields[index]
        return storage.withUnsafeBufferPointer { storage in
            body(UnsafeBufferPointer(rebasing: storage[Int(field.nameEnd)..<Int(field.valueEnd)]))
        }
    }

    /// Every value for `name`, in order (RFC 9110 §5.3 keeps repeated fields distinct).
    public func values(for name: String) -> [String] {
        var result: [String] = []
        for index in fields.indices where nameMatches(index, name) {
            result.append(value(at: index))
        }
        return result
    }

    /// Whether any field has this name.
    public func contains(_ name: String) -> Bool { firstIndex(of: name) != nil }

    /// Appends a field. CR, LF and NUL are replaced by spaces so that a value can never inject a header.
    public mutating func add(name: String, value: String) {
        name.withContiguousUTF8 { name in
            value.withContiguousUTF8 { value in appendSanitized(name: name, value: value) }
        }
    }

    /// Replaces every field named `name` with one field carrying `value`.
    public mutating func set(name: String, value: String) {
        remove(name: name)
        add(name: name, value: value)
    }

    /// Removes every field named `name`.
    public mutating func remove(name: String) {
        guard firstIndex(of: name) != nil else { return }
        var kept = HTTPHeaders()
        for index in fields.indices where !nameMatches(index, name) {
            kept.appendRaw(name: nameBytes(at: index), value: valueBytes(at: index))
        }
        self = kept
    }

    /// Iterates the fields as `(name, value)` pairs, in order.
    public func makeIterator() -> AnyIterator<(name: String, value: String)> {
        var index = 0
        return AnyIterator {
            guard index < fields.count else { return nil }
            defer { index += 1 }
            return (String(decoding: nameBytes(at: index), as: UTF8.self), value(at: index))
        }
    }

    /// `name: value` lines, for debugging.
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }

    // MARK: - Byte-level access for the parser and the encoder

    @usableFromInline func nameBytes(at index: Int) -> ArraySlice<UInt8> {
        let field = fields[index]
        return storage[Int(field.nameStart)..<Int(field.nameEnd)]
    }

    @usableFromInline func valueBytes(at index: Int) -> ArraySlice<UInt8> {
        let field = fields[index]
        return storage[Int(field.nameEnd)..<Int(field.valueEnd)]
    }

    func value(at index: Int) -> String {
        String(decoding: valueBytes(at: index), as: UTF8.self)
    }

    /// Index of the first field named `name`, compared ASCII case-insensitively.
    func firstIndex(of name: String) -> Int? {
        name.withContiguousUTF8 { key in
            storage.withUnsafeBufferPointer { storage in
                fields.firstIndex { HTTPHeaders.nameMatches($0, key, in: storage) }
            }
        }
    }

    func nameMatches(_ index: Int, _ name: String) -> Bool {
        name.withContiguousUTF8 { key in
            storage.withUnsafeBufferPointer { HTTPHeaders.nameMatches(fields[index], key, in: $0) }
        }
    }

    private static func nameMatches(
        _ field: Field, _ key: UnsafeBufferPointer<UInt8>, in storage: UnsafeBufferPointer<UInt8>
    ) -> Bool {
        let name = name(of: field, in: storage)
        return name.count == key.count && startsIgnoringCase(name, with: key)
    }

    private static func name(of field: Field, in storage: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: storage[Int(field.nameStart)..<Int(field.nameEnd)])
    }

    /// Whether `bytes` begins with `prefix`, ASCII letters compared without case (field names, RFC 9110 §5.1, and
    /// authentication schemes, §11.1, are case-insensitive).
    static func startsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, with prefix: UnsafeBufferPointer<UInt8>) -> Bool
    {
        guard bytes.count >= prefix.count else { return false }
        for offset in 0..<prefix.count where lowercased(bytes[offset]) != lowercased(prefix[offset]) { return false }
        return true
    }

    /// Appends a field whose bytes the caller has already validated (the parser).
    mutating func appendRaw<Name: Collection<UInt8>, Value: Collection<UInt8>>(name: Name, value: Value) {
        let nameStart = Int32(storage.count)
        storage.append(contentsOf: name)
        let nameEnd = Int32(storage.count)
        storage.append(contentsOf: value)
        fields.append(Field(nameStart: nameStart, nameEnd: nameEnd, valueEnd: Int32(storage.count)))
    }

    mutating func appendSanitized(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) {
        reserveRoom(bytes: name.count + value.count)
        let nameStart = Int32(storage.count)
        if name.contains(where: { HTTPHeaders.isUnsafe($0) || $0 == UInt8(ascii: ":") }) {
            for byte in name { storage.append(HTTPHeaders.isUnsafe(byte) || byte == UInt8(ascii: ":") ? 0x2D : byte) }
        } else {
            storage.append(contentsOf: name)
        }
        let nameEnd = Int32(storage.count)
        if value.contains(where: HTTPHeaders.isUnsafe) {
            for byte in value { storage.append(HTTPHeaders.isUnsafe(byte) ? 0x20 : byte) }
        } else {
            storage.append(contentsOf: value)
        }
        fields.append(Field(nameStart: nameStart, nameEnd: nameEnd, valueEnd: Int32(storage.count)))
    }

    /// Makes room for one more field before appending: a response's headers usually start as a shared constant
    /// and gain a few fields in middleware, so the first copy takes room for those too instead of growing per field.
    private mutating func reserveRoom(bytes: Int) {
        if storage.capacity < storage.count + bytes {
            storage.reserveCapacity(Swift.max(storage.count * 2, storage.count + bytes + HTTPHeaders.growthBytes))
        }
        if fields.capacity == fields.count {
            fields.reserveCapacity(Swift.max(fields.count * 2, fields.count + HTTPHeaders.growthFields))
        }
    }

    private static let growthBytes = 256
    private static let growthFields = 8

    @inline(__always) static func isUnsafe(_ byte: UInt8) -> Bool {
        byte == 0x0D || byte == 0x0A || byte == 0x00
    }

    @inline(__always) static func lowercased(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }
}
