import Foundation

/// `register`: the token the other party is to call with, and the OSCP versions the sender speaks at which base URLs.
struct OSCPRegister: Codable, Sendable, Equatable {
    var token: String
    var versionURL: [OSCPVersionURL]

    enum CodingKeys: String, CodingKey {
        case token
        case versionURL = "version_url"
    }

    /// The base URL the sender offers for OSCP 2.0, if any.
    var baseURL20: String? { versionURL.first { $0.version == "2.0" }?.baseURL }
}

struct OSCPVersionURL: Codable, Sendable, Equatable {
    var version: String
    var baseURL: String

    enum CodingKeys: String, CodingKey {
        case version
        case baseURL = "base_url"
    }
}
