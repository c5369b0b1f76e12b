/// libFuzzer entry point for `HTTPRequestParser`; built by `Fuzz/run.sh` together with the HTTP source files.
///
/// The first byte of the input picks the limits and where to split the rest. The rest is parsed twice: all at once
/// and in two parts. Both runs must end with the same requests and the same error, and an error must repeat on the
/// next call. A crash, a hang or a difference is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTTPRequestParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let input = UnsafeBufferPointer(start: data + 1, count: size - 1)
    // Small limits let short inputs reach every limit check.
    let limits =
        control & 1 == 0
        ? HTTPLimits()
        : HTTPLimits(maxRequestLineBytes: 64, maxHeaderBytes: 256, maxHeaderCount: 8, maxBodyBytes: 512)
    let split = input.count * Int(control >> 1) / 127

    let whole = FuzzRun(limits: limits, parts: [UnsafeBufferPointer(rebasing: input[...])])
    let parts = FuzzRun(
        limits: limits,
        parts: [UnsafeBufferPointer(rebasing: input[..<split]), UnsafeBufferPointer(rebasing: input[split...])])
    if whole.requests != parts.requests || whole.error != parts.error {
        fatalError("whole and split at \(split) differ: \(whole) versus \(parts)")
    }
    return 0
}

/// What one parser made of the input, fed in the given parts with the events drained after each.
struct FuzzRun {
    var requests: [String] = []
    var error: HTTPParseError?

    init(limits: HTTPLimits, parts: [UnsafeBufferPointer<UInt8>]) {
        var parser = HTTPRequestParser(limits: limits)
        for part in parts {
            parser.append(UnsafeRawBufferPointer(part))
            if drain(&parser) { return }
        }
    }

    /// Calls `next()` until it returns nil or throws; returns true after an error.
    mutating func drain(_ parser: inout HTTPRequestParser) -> Bool {
        var promptedForCurrentRequest = false
        do {
            while let event = try parser.next() {
                switch event {
                case .request(let request):
                    requests.append(FuzzRun.describe(request))
                    promptedForCurrentRequest = false
                case .expectContinue:
                    precondition(!promptedForCurrentRequest, "two 100-continue prompts for one request")
                    precondition(parser.phase == .body, "100-continue prompt outside the body phase")
                    promptedForCurrentRequest = true
                }
            }
            precondition(parser.bufferedByteCount >= 0)
            return false
        } catch {
            self.error = error
            do {
                _ = try parser.next()
                preconditionFailure("the parser recovered from \(error)")
            } catch let repeated {
                precondition(repeated == error, "the parser changed its error from \(error) to \(repeated)")
            }
            return true
        }
    }

    static func describe(_ request: HTTPRequest) -> String {
        let fields = request.headers.map { "\($0.name): \($0.value)" }.joined(separator: "\n")
        return "\(request.method) \(request.target) \(request.version)\n\(fields)\n\(request.body)"
    }
}
