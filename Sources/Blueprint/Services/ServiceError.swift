/// Errors a backend reports. The API layer maps them to HTTP statuses and the OpenAI envelope in one place.
public enum ServiceError: Error, Sendable, Equatable {
    /// The model does not exist (404 `model_not_found`).
    case modelNotFound(String)
    /// The model exists but does not serve this endpoint (400).
    case unsupportedEndpoint(model: String, endpoint: String)
    /// The request is invalid for this backend (400), naming the parameter.
    case invalidRequest(message: String, param: String?)
    /// An upstream answered with an error, passed on with its status.
    case upstream(status: Int, message: String, type: String?, code: String?, retryAfterSeconds: Double?)
    /// An upstream could not be reached (502).
    case unreachable(String)
    /// An upstream did not answer in time (504).
    case timedOut(String)
}
