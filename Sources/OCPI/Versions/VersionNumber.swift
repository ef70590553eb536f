/// An OCPI version, such as "2.2.1" (OCPI VersionNumber).
///
/// Open: a peer may list versions newer than this module knows, and the list must still be read.
public struct VersionNumber: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    public static let v2_0 = VersionNumber(rawValue: "2.0")
    public static let v2_1 = VersionNumber(rawValue: "2.1")
    public static let v2_1_1 = VersionNumber(rawValue: "2.1.1")
    public static let v2_2 = VersionNumber(rawValue: "2.2")
    public static let v2_2_1 = VersionNumber(rawValue: "2.2.1")
    public static let v2_3_0 = VersionNumber(rawValue: "2.3.0")

    public var description: String { rawValue }
}

extension VersionNumber: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        let parts = rawValue.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = (2...3).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
        if !wellFormed || rawValue.count > 10 {
            throw OCPIDecodingError(field: path.text, message: "must be a version like 2.2.1, got \"\(rawValue)\"")
        }
    }
}
