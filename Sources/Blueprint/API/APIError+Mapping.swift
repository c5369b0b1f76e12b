extension APIError {
    /// Maps any error to the API error the client sees. Unknown errors become a bare 500
    /// (`isInternal` tells the caller to log the detail).
    public init(mapping error: any Error) {
        switch error {
        case let error as APIError:
            self = error
        case let error as RouteError:
            self = APIError(routeError: error)
        case let error as HTTPParseError:
            self = APIError(status: error.status, message: error.message)
        case let error as ServiceError:
            self = APIError(serviceError: error)
        default:
            self = .internalError
        }
    }

    /// Whether an error is one the mapping does not know, i.e. a bug or an outage whose detail must be logged.
    public static func isInternal(_ error: any Error) -> Bool {
        !(error is APIError || error is RouteError || error is HTTPParseError || error is ServiceError)
    }

    private init(serviceError: ServiceError) {
        switch serviceError {
        case .modelNotFound(let model):
            self = APIError(
                status: .notFound,
                message: "The model `\(model)` does not exist or you do not have access to it.", param: "model",
                code: "model_not_found")
        case .unsupportedEndpoint(let model, let endpoint):
            self = APIError.invalidRequest(
                "The model `\(model)` does not support \(endpoint).", param: "model", code: "unsupported_model")
        case .invalidRequest(let message, let param):
            self = APIError.invalidRequest(message, param: param)
        case .upstream(let status, let message, let type, let code, let retryAfter):
            var headers = HTTPHeaders()
            if let retryAfter {
                headers.add(name: "retry-after", value: String(max(1, Int(retryAfter.rounded(.up)))))
                headers.add(name: "retry-after-ms", value: String(Int(retryAfter * 1000)))
            }
            self = APIError(
                status: HTTPStatus(code: status), message: message,
                type: type ?? (status >= 500 ? "server_error" : "invalid_request_error"), code: code, headers: headers)
        case .unreachable(let message):
            self = APIError(status: .badGateway, message: message, type: "server_error", code: "upstream_unreachable")
        case .timedOut(let message):
            self = APIError(status: .gatewayTimeout, message: message, type: "server_error", code: "upstream_timeout")
        }
    }

    private init(routeError: RouteError) {
        switch routeError {
        case .notFound(let method, let path):
            self = APIError(status: .notFound, message: "Invalid URL (\(method.rawValue) \(path))")
        case .methodNotAllowed(let method, let path, let allowed):
            var headers = HTTPHeaders()
            headers.add(name: "allow", value: allowed.map(\.rawValue).joined(separator: ", "))
            self = APIError(
                status: .methodNotAllowed,
                message:
                    "Method \(method.rawValue) is not allowed for \(path); use \(allowed.map(\.rawValue).joined(separator: " or ")).",
                headers: headers)
        }
    }
}
