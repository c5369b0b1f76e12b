/// Gives every request an id: a sane inbound `x-request-id` is kept, otherwise `req_<32 hex>` is made. The id is
/// returned in `x-request-id` on every response (errors and streams included), with `openai-processing-ms` and
/// `openai-version` as OpenAI sends them.
public struct RequestIDMiddleware: InlineMiddleware {
    let ids: any IDGenerator

    /// Creates the middleware.
    public init(ids: any IDGenerator = RandomIDGenerator()) {
        self.ids = ids
    }

    public func prepare(_ request: HTTPRequest, context: inout RequestContext) -> HTTPResponse? {
        if let inbound = request.headers["x-request-id"], Self.isSane(inbound) {
            context.requestID = inbound
        } else {
            context.requestID = ids.make(prefix: "req_", length: 32)
        }
        return nil
    }

    public func complete(_ request: HTTPRequest, context: RequestContext, response: inout HTTPResponse) {
        response.headers.set(name: "x-request-id", value: context.requestID)
        let elapsed = (SystemCall.monotonicNanoseconds() &- context.receivedAt) / 1_000_000
        response.headers.set(name: "openai-processing-ms", value: String(elapsed))
        response.headers.set(name: "openai-version", value: "2020-10-01")
    }

    /// 1 to 128 characters of `A-Z a-z 0-9 - _ . :`: enough for UUIDs and trace ids, nothing that could break a log
    /// line or a header.
    static func isSane(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= 128
            && bytes.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x2D
                    || byte == 0x5F || byte == 0x2E || byte == 0x3A
            }
    }
}
