import Foundation
import PostgresKit

/// Where cpms keeps its data: `sqlite://PATH` (relative or absolute) or `postgres://user:pass@host:port/db`.
public enum DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses a database URL; the error names what is wrong with it.
    public init(_ text: String) throws(DatabaseURLError) {
        if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw DatabaseURLError("\(text): a sqlite URL needs a file path, e.g. sqlite://cpms.db or sqlite:///var/lib/cpms/cpms.db") }
            self = .sqlite(path: path)
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            do {
                _ = try SQLPostgresConfiguration(url: text)
            } catch {
                throw DatabaseURLError("\(Self.redacted(text)): not a usable PostgreSQL URL (postgres://user:pass@host:port/db): \(error)")
            }
            guard let url = URL(string: text), url.path.count > 1 else {
                throw DatabaseURLError("\(Self.redacted(text)): a PostgreSQL URL needs a database name, e.g. postgres://cpms@127.0.0.1:5432/cpms")
            }
            self = .postgres(url: text)
        } else {
            let scheme = text.split(separator: ":", maxSplits: 1).first.map(String.init) ?? text
            throw DatabaseURLError("unsupported database URL \"\(Self.redacted(text))\" (scheme \"\(scheme)\"): use sqlite://PATH or postgres://user:pass@host:port/db")
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite://\(path)"
        case .postgres(let url): Self.redacted(url)
        }
    }

    /// The URL with its password replaced, for logs and error messages.
    static func redacted(_ text: String) -> String {
        guard var components = URLComponents(string: text), components.password != nil else { return text }
        components.password = "***"
        return components.string ?? text
    }
}

/// A database URL cpms cannot use.
public struct DatabaseURLError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
