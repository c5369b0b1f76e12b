import Foundation

/// An upstream URL, parsed once, with a description safe for messages and logs: scheme, host and port only, never
/// the credentials, path or query.
struct UpstreamTarget: CustomStringConvertible {
    /// The URL, or nil when the text is not an absolute `http` or `https` URL with a host.
    let url: URL?
    /// `https://host:port`, or `the upstream` when the URL is invalid.
    let description: String

    init(_ text: String) {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            self.url = nil
            description = "the upstream"
            return
        }
        self.url = url
        let port = url.port.map { ":\($0)" } ?? ""
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        description = "\(scheme)://\(bracketed)\(port)"
    }
}
