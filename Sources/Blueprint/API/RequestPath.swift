/// Where an object sits in a request body, for the `param` of an error: empty at the top level, `tool_choice`,
/// `messages[2]`. An array element keeps its array's path and its index apart and joins them only when an error
/// needs the string, so that a valid request builds no path strings however many elements its arrays have.
struct RequestPath: CustomStringConvertible {
    /// The object's path, or for an array element the path of its array.
    let base: String
    /// The element's index, when the object is an array element.
    let index: Int?

    init(_ base: String, index: Int? = nil) {
        self.base = base
        self.index = index
    }

    /// `messages[2]`, `tool_choice`, or empty at the top level.
    var description: String {
        guard let index else { return base }
        return "\(base)[\(index)]"
    }

    /// The `param` name of a key of this object: `messages[2].role`, or the key itself at the top level.
    func param(_ key: String) -> String {
        let path = description
        return path.isEmpty ? key : "\(path).\(key)"
    }
}
