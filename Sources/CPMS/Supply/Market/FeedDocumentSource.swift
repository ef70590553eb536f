import AsyncHTTPClient
import Foundation
import NIOCore

/// Where a market feed reads its document: a URL (GET) or a file.
struct FeedDocumentSource: Sendable {
    enum Location: Sendable, Equatable {
        case url(String)
        case file(String)
    }

    /// What was read: the HTTP status (200 for a file) and the body.
    struct Fetched: Sendable {
        var status: Int
        var body: Data
    }

    /// Why nothing could be read.
    struct Failure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    let location: Location

    /// `http://` and `https://` are URLs; anything else (also `file://...`) is a file path.
    init(_ source: String) {
        let lowered = source.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") {
            location = .url(source)
        } else if lowered.hasPrefix("file://") {
            location = .file(String(source.dropFirst("file://".count)))
        } else {
            location = .file(source)
        }
    }

    /// Reads at most `maxBytes`; a larger document is a failure, as is a URL that does not answer within `timeout`.
    func fetch(url: String? = nil, httpClient: HTTPClient, maxBytes: Int, timeout: Duration) async throws(Failure) -> Fetched {
        switch location {
        case .file(let path):
            return try readFile(path, maxBytes: maxBytes)
        case .url(let configured):
            let target = url ?? configured
            var request = HTTPClientRequest(url: target)
            request.method = .GET
            request.headers.add(name: "Accept", value: "application/xml, application/json, text/xml")
            let response: HTTPClientResponse
            do {
                response = try await httpClient.execute(request, timeout: .nanoseconds(Self.nanoseconds(timeout)))
            } catch {
                throw Failure(description: "unreachable: \(Self.redacted(target)): \(error)")
            }
            do {
                let body = try await response.body.collect(upTo: maxBytes)
                return Fetched(status: Int(response.status.code), body: Data(body.readableBytesView))
            } catch is NIOTooManyBytesError {
                throw Failure(description: "the answer of \(Self.redacted(target)) is larger than \(maxBytes) bytes")
            } catch {
                throw Failure(description: "unreachable: \(Self.redacted(target)): the answer broke off: \(error)")
            }
        }
    }

    private func readFile(_ path: String, maxBytes: Int) throws(Failure) -> Fetched {
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maxBytes + 1) ?? Data()
            guard data.count <= maxBytes else { throw Failure(description: "the file \(path) is larger than \(maxBytes) bytes") }
            return Fetched(status: 200, body: data)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "cannot read the file \(path): \(error.localizedDescription)")
        }
    }

    /// The URL as it may be shown: a `securityToken` (ENTSO-E's API key) or `token` query value replaced by `***`.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), let items = components.queryItems else { return url }
        components.queryItems = items.map { item in
            ["securitytoken", "token", "apikey", "api_key"].contains(item.name.lowercased()) ? URLQueryItem(name: item.name, value: "***") : item
        }
        return components.string ?? url
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
