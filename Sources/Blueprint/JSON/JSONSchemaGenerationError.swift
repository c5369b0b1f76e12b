/// Why no instance could be generated for a JSON Schema.
public struct JSONSchemaGenerationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Reason: Sendable, Hashable {
        /// The constraints contradict each other (e.g. `minimum` above `maximum`), or no branch can be met.
        case unsatisfiable
        /// A `$ref` that does not point into the schema document.
        case unresolvableReference
        /// The schema is malformed (e.g. an unknown `type` name).
        case invalidSchema
        /// The schema is supported by the validator but not by the generator (e.g. an advanced `pattern`).
        case unsupported
        /// Every finite instance is nested deeper than the generator's limit.
        case tooDeep
        /// The search for an instance exceeded its work budget.
        case tooComplex
    }

    /// What went wrong.
    public let reason: Reason
    /// A JSON Pointer to the part of the instance being generated; "" is the whole instance.
    public let path: String
    /// A human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ reason: Reason, path: String, message: String) {
        self.reason = reason
        self.path = path
        self.message = message
    }

    /// The message, prefixed with the path when it is not the whole instance.
    public var description: String {
        path.isEmpty ? message : "\(path): \(message)"
    }
}
