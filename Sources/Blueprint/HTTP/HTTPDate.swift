import Glibc

/// Formats the `Date` header's IMF-fixdate (RFC 9110 §5.6.7), e.g. `Sun, 06 Nov 1994 08:49:37 GMT`.
enum HTTPDate {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Formats broken-down UTC time.
    static func format(_ time: tm) -> String {
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let day = days[Int(time.tm_wday) % 7]
        let month = months[Int(time.tm_mon) % 12]
        return
            "\(day), \(two(time.tm_mday)) \(month) \(time.tm_year + 1900) \(two(time.tm_hour)):\(two(time.tm_min)):\(two(time.tm_sec)) GMT"
    }
}
