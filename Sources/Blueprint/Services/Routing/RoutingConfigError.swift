/// Why a routing configuration or a model list was refused: every problem found, each naming the JSON path at
/// fault and what was expected, e.g. `providers[1].base_url: expected an http(s) URL, got "ftp://x"`.
public struct RoutingConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, in document order.
    public var problems: [String]

    /// Creates an error listing `problems`.
    public init(problems: [String]) {
        self.problems = problems
    }

    /// One problem per line.
    public var description: String {
        problems.joined(separator: "\n")
    }
}
