extension String {
    /// The text after a leading `https://` or `http://` (matched as written: lower-case the text first for
    /// RFC 3986 §3.1's case-insensitive scheme), or nil when it has neither.
    func droppingHTTPScheme() -> Substring? {
        if hasPrefix("https://") { return dropFirst(8) }
        if hasPrefix("http://") { return dropFirst(7) }
        return nil
    }
}
