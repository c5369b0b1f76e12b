/// One way an instance fails a JSON Schema: where in the instance, and why.
public struct JSONSchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// A JSON Pointer (RFC 6901) to the offending part of the instance; "" is the whole instance.
    public let path: String
    /// A human-readable explanation, e.g. "expected integer, got string".
    public let message: String

    /// Creates a violation at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// "path: message", with "/" standing for the whole instance.
    public var description: String {
        "\(path.isEmpty ? "/" : path): \(message)"
    }
}
