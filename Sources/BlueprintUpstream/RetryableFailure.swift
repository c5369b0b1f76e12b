import Blueprint

/// An attempt's failure that a retry may fix: the error to report if none is left, and the delay the upstream
/// asked for, if any.
struct RetryableFailure: Error {
    let error: ServiceError
    let retryAfter: Duration?
}
