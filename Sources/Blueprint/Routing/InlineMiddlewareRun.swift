/// Consecutive inline middleware, run as one loop around the rest of the chain: the same outcome as nesting their
/// `handle`s (see `InlineMiddleware`), in a single async call.
struct InlineMiddlewareRun: Sendable {
    /// Outermost first.
    let layers: [any InlineMiddleware]
    let next: RequestHandler

    /// Runs the layers around `next`. The context is taken over, so that the layers update it without copying it.
    func respond(to request: HTTPRequest, context: consuming RequestContext) async throws -> HTTPResponse {
        // Layers below `entered` have prepared; their `complete` runs for layers below `completed`.
        var entered = 0
        var completed: Int
        var response: HTTPResponse
        do {
            var early: HTTPResponse?
            while entered < layers.count {
                early = try layers[entered].prepare(request, context: &context)
                if early != nil { break }
                entered += 1
            }
            if let early {
                // The answering layer does not complete its own early response; the ones outside it do.
                response = early
                completed = entered
            } else {
                response = try await next(request, context)
                completed = layers.count
            }
        } catch {
            // Thrown by the prepare of layer `entered`, or further in: the innermost layer outside it that recovers
            // answers, then completes its answer with the layers outside it, as nested calls would.
            var recovery: (layer: Int, response: HTTPResponse)?
            for layer in stride(from: entered - 1, through: 0, by: -1) {
                if let recovered = layers[layer].recover(from: error, request: request, context: context) {
                    recovery = (layer, recovered)
                    break
                }
            }
            guard let recovery else { throw error }
            response = recovery.response
            completed = recovery.layer + 1
        }
        for layer in stride(from: completed - 1, through: 0, by: -1) {
            layers[layer].complete(request, context: context, response: &response)
        }
        return response
    }
}
