/// The `ResponseBodyWriter` of a streaming response: it appends to its connection's output on the loop thread.
struct ConnectionBodyWriter: ResponseBodyWriter {
    let connection: Connection
    let chunked: Bool

    func write(_ bytes: [UInt8]) async throws {
        try Task.checkCancellation()
        let connection = connection
        let chunked = chunked
        if connection.loop.inLoop {
            guard try connection.appendBody(bytes, chunked: chunked) else { return }
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { connection.parkUntilDrained($0) }
            } onCancel: {
                connection.cancelDrainWait()
            }
        } else {
            // A producer running off the loop (e.g. in a task-group child) hands each write to the loop.
            try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    connection.loop.execute {
                        do {
                            if try connection.appendBody(bytes, chunked: chunked) {
                                connection.parkUntilDrained(continuation)
                            } else {
                                continuation.resume()
                            }
                        } catch {
                            continuation.resume(throwing: error)
                        }
                    }
                }
            } onCancel: {
                connection.cancelDrainWait()
            }
        }
    }
}
