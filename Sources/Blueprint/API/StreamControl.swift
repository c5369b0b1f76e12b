/// How the x-mock stream controls end a stream early.
enum StreamControl: Error {
    /// `x-mock-truncate-after`: end the body cleanly, without the stream's terminator.
    case truncated
    /// `x-mock-disconnect-after`: drop the connection.
    case disconnected
}

/// Counts the chunks a stream sends and applies the truncate/disconnect controls.
struct StreamBudget {
    let truncateAfter: Int?
    let disconnectAfter: Int?
    private(set) var sent = 0

    init(_ controls: MockControls) {
        truncateAfter = controls.truncateAfter
        disconnectAfter = controls.disconnectAfter
    }

    /// Call before sending a chunk: throws when the controls say the stream ends here.
    mutating func admit() throws {
        if let disconnectAfter, sent >= disconnectAfter { throw StreamControl.disconnected }
        if let truncateAfter, sent >= truncateAfter { throw StreamControl.truncated }
        sent += 1
    }
}
