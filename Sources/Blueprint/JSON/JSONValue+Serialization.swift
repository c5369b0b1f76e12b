extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of this value.
    public var description: String { jsonString }

    /// The compact JSON encoding of this value, keeping object key order.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(reservedCapacity: 128)
        writer.value(self)
        return writer.bytes
    }

    /// The compact JSON encoding of this value as a `String`.
    public var jsonString: String {
        String(decoding: jsonBytes, as: UTF8.self)
    }
}
