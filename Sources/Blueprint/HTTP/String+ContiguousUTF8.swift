extension String {
    /// Runs `body` over the string's UTF-8 bytes. Native and small strings are read in place; only a string that is
    /// not stored as contiguous UTF-8 is copied, out of line.
    ///
    /// `var copy = self; copy.withUTF8 { ... }` does the same but retains and releases the string on every call: on
    /// header lookups and token counting that showed up among the most frequent retains of a request.
    @inline(__always)
    func withContiguousUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        return withContiguousCopy(body)
    }

    @inline(never)
    private func withContiguousCopy<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        var copy = self
        return copy.withUTF8(body)
    }
}
