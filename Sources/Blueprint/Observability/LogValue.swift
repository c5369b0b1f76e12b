/// A metadata value of a log line: written as a JSON string, number or boolean.
public enum LogValue: Sendable, Equatable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    /// A JSON string.
    case string(String)
    /// A JSON integer.
    case int(Int)
    /// A JSON number; NaN and infinities, which JSON cannot express, are written as `null`.
    case double(Double)
    /// A JSON boolean.
    case bool(Bool)

    /// Creates a `.string`.
    public init(stringLiteral value: String) {
        self = .string(value)
    }

    /// Creates an `.int`.
    public init(integerLiteral value: Int) {
        self = .int(value)
    }

    /// Creates a `.double`.
    public init(floatLiteral value: Double) {
        self = .double(value)
    }

    /// Creates a `.bool`.
    public init(booleanLiteral value: Bool) {
        self = .bool(value)
    }
}
