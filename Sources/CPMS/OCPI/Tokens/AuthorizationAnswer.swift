import OCPI

/// The data of an eMSP's answer to a real-time authorization: an AuthorizationInfo, as OCPI says, or a list of
/// exactly one (extrawest-ocpi answers `[AuthorizationInfo]`).
struct AuthorizationAnswer: Codable, Sendable, OCPIValidatable {
    var info: AuthorizationInfo

    init(from decoder: any Decoder) throws {
        if let single = try? AuthorizationInfo(from: decoder) {
            info = single
            return
        }
        let list = try [AuthorizationInfo](from: decoder)
        guard list.count == 1, let only = list.first else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one AuthorizationInfo, got \(list.count)"))
        }
        info = only
    }

    func encode(to encoder: any Encoder) throws { try info.encode(to: encoder) }

    func validate(at path: FieldPath) throws(OCPIDecodingError) { try info.validate(at: path) }
}
