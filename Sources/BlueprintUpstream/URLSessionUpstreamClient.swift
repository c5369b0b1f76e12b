import Blueprint
import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The production `UpstreamHTTPClient`: FoundationNetworking's `URLSession` (libcurl on Linux, so HTTPS, keep-alive
/// and connection pooling come with it), driven through a delegate so that body bytes reach the caller as the network
/// delivers them.
///
/// - One `URLSession` per client, shared by every request; it is invalidated when the client goes away (running
///   requests finish first).
/// - `connectTimeout` bounds the time until the request body has been handed to the connection, which needs the
///   TCP and TLS handshakes done; for a request without a body only the request's own `timeout` applies.
///   Reaching it is a `.connectFailed` error: nothing was sent, so the request may be retried safely.
/// - `UpstreamRequest.timeout` bounds the time until the response head arrives (`.timedOut`).
/// - `idleTimeout` bounds silence while the body streams (URLSession's per-request timer, whole seconds).
/// - Redirects are not followed: the 3xx response is returned, so credentials never travel to another host.
/// - Cancelling the calling task cancels the request; after the head, dropping the body stream or cancelling the
///   task that iterates it cancels the transfer.
/// - libcurl on Linux cannot pause a transfer, so a body the caller reads slower than it arrives is buffered.
public final class URLSessionUpstreamClient: UpstreamHTTPClient {
    /// The most time until the request has been sent.
    public let connectTimeout: Duration
    /// The most silence while a response streams.
    public let idleTimeout: Duration

    private let session: URLSession
    private let delegate: UpstreamSessionDelegate

    /// Creates a client with its own `URLSession`.
    ///
    /// - Parameters:
    ///   - connectTimeout: the most time until the request has been sent (connection, TLS, body).
    ///   - idleTimeout: the most silence while a response streams; rounded up to whole seconds.
    ///   - maxConnectionsPerHost: the connection pool size per upstream host.
    public init(
        connectTimeout: Duration = .seconds(10), idleTimeout: Duration = .seconds(300), maxConnectionsPerHost: Int = 64
    ) {
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnectionsPerHost)
        configuration.timeoutIntervalForRequest = Self.wholeSeconds(idleTimeout)
        let delegate = UpstreamSessionDelegate()
        self.delegate = delegate
        let queue = OperationQueue()
        queue.name = "blueprint.upstream"
        // One delegate queue, one callback at a time: a task's head, data and completion arrive in order.
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: queue)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends `request` and returns once the response head has arrived.
    public func send(_ request: UpstreamRequest) async throws -> UpstreamResponse {
        let target = UpstreamTarget(request.url)
        guard let url = target.url else {
            throw UpstreamTransportError.connectFailed("Invalid upstream URL.")
        }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = Self.wholeSeconds(idleTimeout)
        for header in request.headers {
            urlRequest.addValue(header.value, forHTTPHeaderField: header.name)
        }
        if !request.body.isEmpty {
            urlRequest.httpBody = Data(request.body)
        }
        let task = session.dataTask(with: urlRequest)
        let exchange = UpstreamExchange(
            task: task, target: target.description,
            connectTimeout: request.body.isEmpty ? nil : connectTimeout, headTimeout: request.timeout)
        let identifier = task.taskIdentifier
        delegate.register(exchange, for: identifier)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                if !exchange.start(continuation) {
                    // Cancelled before it began: nothing from this task matters any more.
                    delegate.unregister(identifier)
                }
            }
        } onCancel: {
            exchange.fail(.cancelled)
        }
    }

    private static func wholeSeconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return TimeInterval(max(1, seconds + (attoseconds > 0 ? 1 : 0)))
    }
}
