import Blueprint
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one delegate of a `URLSessionUpstreamClient`'s session: routes each task's callbacks to its exchange.
final class UpstreamSessionDelegate: NSObject, URLSessionDataDelegate, Sendable {
    private let exchanges = Locked<[Int: UpstreamExchange]>([:])

    /// Routes the callbacks of task `identifier` to `exchange`; call before the task starts.
    func register(_ exchange: UpstreamExchange, for identifier: Int) {
        exchanges.withLock { $0[identifier] = exchange }
    }

    /// Forgets task `identifier`.
    func unregister(_ identifier: Int) {
        exchanges.withLock { _ = $0.removeValue(forKey: identifier) }
    }

    private func exchange(_ task: URLSessionTask) -> UpstreamExchange? {
        exchanges.withLock { $0[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        completionHandler(.allow)
        guard let http = response as? HTTPURLResponse else { return }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { headers[name.lowercased()] = value }
        }
        exchange(dataTask)?.receivedHead(status: http.statusCode, headers: headers)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        exchange(dataTask)?.received([UInt8](data))
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, didSendBodyData bytesSent: Int64, totalBytesSent: Int64,
        totalBytesExpectedToSend: Int64
    ) {
        exchange(task)?.sentBody()
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        // Never follow: a redirect could carry the upstream credentials to another host.
        completionHandler(nil)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        let exchange = exchanges.withLock { $0.removeValue(forKey: task.taskIdentifier) }
        exchange?.completed(error: error)
    }
}
