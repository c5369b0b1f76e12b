/// Size limits the request parser enforces, so that a client cannot make the server buffer without bound.
public struct HTTPLimits: Sendable, Equatable {
    /// The longest request line accepted, in bytes, without its line ending. A longer one is answered with 414.
    public var maxRequestLineBytes: Int
    /// The largest header section accepted, in bytes: every field line with its line ending plus the empty line
    /// that ends the section. Chunked trailer fields count against the same budget. More is answered with 431.
    public var maxHeaderBytes: Int
    /// The most header fields accepted, trailer fields included. More are answered with 431.
    public var maxHeaderCount: Int
    /// The largest request body accepted, in bytes, after removing chunked framing. More is answered with 413.
    public var maxBodyBytes: Int

    /// Creates limits; every argument defaults to a safe value for an API server.
    public init(
        maxRequestLineBytes: Int = 8192,
        maxHeaderBytes: Int = 32768,
        maxHeaderCount: Int = 100,
        maxBodyBytes: Int = 4 * 1024 * 1024
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}
