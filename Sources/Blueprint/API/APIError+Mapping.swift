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
        default:
            self = .internalError
        }
    }

    /// Whether an error is one the mapping does not know, i.e. a bug or an outage whose detail must be logged.
    public static func isInternal(_ error: any Error) -> Bool {
        !(error is APIError || error is RouteError || error is HTTPParseError)
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
                message: "Method \(method.rawValue) is not allowed for \(path); use \(allowed.map(\.rawValue).joined(separator: " or ")).",
                headers: headers)
        }
    }
}
