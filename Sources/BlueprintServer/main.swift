import Blueprint
import BlueprintUpstream
import Glibc

// Thin on purpose: everything testable lives in the library (`ServerCommand`, `HealthCheck`).
var environment: [String: String] = [:]
var entry = environ
while let pointer = entry.pointee {
    let pair = String(cString: pointer)
    if let separator = pair.firstIndex(of: "=") {
        environment[String(pair[..<separator])] = String(pair[pair.index(after: separator)...])
    }
    entry += 1
}
if CommandLine.arguments.dropFirst().first == "healthcheck" {
    exit(HealthCheck.run(port: Int(environment["PORT"] ?? "") ?? 8000))
}
exit(await ServerCommand.run(environment: environment, backends: ProviderFactory.standard()))
