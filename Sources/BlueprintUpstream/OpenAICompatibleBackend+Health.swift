import Blueprint

extension OpenAICompatibleBackend {
    /// Whether the upstream answers its model list (`checkHealth()`); one check serves every model, as the upstream
    /// is one server.
    public func health(model: String) async -> Bool {
        await checkHealth()
    }
}
