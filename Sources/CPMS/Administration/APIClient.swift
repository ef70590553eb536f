public import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Calls a running cpms's JSON API (for `cpms command`).
public struct APIClient: Sendable {
    public let baseURL: URL
    public let token: String

    public init(baseURL: URL, token: String) {
        self.baseURL = baseURL
        self.token = token
    }

    /// The status and body of `METHOD path` with an optional JSON body.
    public func send(method: String, path: String, body: Data? = nil) async throws -> (status: Int, body: Data) {
        guard let url = URL(string: path, relativeTo: baseURL) else { throw APIClientError(description: "bad path \(path)") }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.timeoutInterval = 120
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        do {
            let (data, response) = try await URLSession.shared.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw APIClientError(description: "no HTTP response from \(url)") }
            return (http.statusCode, data)
        } catch let error as APIClientError {
            throw error
        } catch {
            throw APIClientError(description: "cannot reach cpms at \(url.absoluteString): \(error.localizedDescription)")
        }
    }
}

public struct APIClientError: Error, CustomStringConvertible, Sendable {
    public let description: String
}
