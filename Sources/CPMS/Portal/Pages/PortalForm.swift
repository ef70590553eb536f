import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body (or query), read field by field; the last value of a field wins.
struct PortalForm: Sendable {
    private(set) var fields: [String: String] = [:]

    init() {}

    init(encoded text: String) {
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let rawName = parts.first else { continue }
            let decode = { (text: Substring) in String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding }
            guard let name = decode(rawName) else { continue }
            fields[name] = parts.count > 1 ? (decode(parts[1]) ?? "") : ""
        }
    }

    subscript(_ name: String) -> String? { fields[name] }

    /// Reads a request's form body (at most 64 KiB; a larger one is refused with 413).
    static func read(_ request: Request) async throws -> PortalForm {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        return PortalForm(encoded: String(buffer: buffer))
    }
}
