/// An OCPI object a Receiver accepts PATCH documents for (OCPI 2.2.1 transport: only the fields that change, and
/// `last_updated`).
public protocol OCPIPatchable: Codable, Sendable, OCPIValidatable {
    /// Every field of the object, by its OCPI name: a PATCH field outside these is ignored, as OCPI asks.
    static var patchFields: [String] { get }
    /// The fields a PATCH must carry (`last_updated`).
    static var requiredPatchFields: [String] { get }
    /// The fields that name the object: a PATCH may repeat them, not change them.
    static var identityFields: [String] { get }
    /// A valid whole object: each field of a PATCH read without a stored object is checked in its place.
    static var patchTemplate: Self { get }
}

extension OCPIPatchable {
    public static var requiredPatchFields: [String] { ["last_updated"] }
}
