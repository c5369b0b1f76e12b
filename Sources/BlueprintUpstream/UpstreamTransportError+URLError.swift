import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

extension UpstreamTransportError {
    /// Maps a `URLSession` failure. The message names the target (scheme, host, port) and a fixed reason, never
    /// Foundation's description, which carries the whole URL.
    init(transferError error: any Error, target: String, afterHead: Bool) {
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            self = .connectFailed("The exchange with \(target) failed.")
            return
        }
        switch nsError.code {
        case NSURLErrorCancelled:
            self = .cancelled
        case NSURLErrorTimedOut:
            self = .timedOut
        case NSURLErrorCannotFindHost, NSURLErrorDNSLookupFailed:
            self = .connectFailed("The host of \(target) could not be resolved.")
        case NSURLErrorCannotConnectToHost:
            self = .connectFailed("\(target) refused the connection or is unreachable.")
        case NSURLErrorNotConnectedToInternet:
            self = .connectFailed("There is no network route to \(target).")
        case NSURLErrorSecureConnectionFailed, NSURLErrorServerCertificateHasBadDate,
            NSURLErrorServerCertificateUntrusted, NSURLErrorServerCertificateHasUnknownRoot,
            NSURLErrorServerCertificateNotYetValid, NSURLErrorClientCertificateRejected,
            NSURLErrorClientCertificateRequired, NSURLErrorCannotLoadFromNetwork:
            self = .connectFailed("The TLS handshake with \(target) failed.")
        case NSURLErrorNetworkConnectionLost, NSURLErrorBadServerResponse:
            self = .connectFailed(
                afterHead
                    ? "The connection to \(target) was lost while the response was streaming."
                    : "\(target) closed the connection without a response.")
        default:
            // FoundationNetworking reports most libcurl failures (TLS, a body cut short) as NSURLErrorUnknown; only
            // libcurl's description, never shown because it may name the host, tells a TLS failure apart.
            let description = nsError.localizedDescription.lowercased()
            if afterHead {
                self = .connectFailed("The connection to \(target) was lost while the response was streaming.")
            } else if description.contains("ssl") || description.contains("tls") || description.contains("certificate")
            {
                self = .connectFailed("The TLS handshake with \(target) failed.")
            } else {
                self = .connectFailed("The exchange with \(target) failed.")
            }
        }
    }
}
