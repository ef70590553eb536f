import Foundation
public import HTTPTypes
public import OCPP
public import StationConfig

/// Who may open an OCPP connection and in which version: identity, Basic auth, subprotocol.
public struct ChargerAdmission: Sendable {
    /// Why a connection is refused, as the HTTP status to answer.
    public enum Refusal: Error, Equatable, Sendable {
        case unknownCharger(String)
        case unauthorized(String)
        case noCommonSubprotocol([String])
    }

    /// A charger allowed in.
    public struct Admitted: Sendable, Equatable {
        public let chargerID: String
        public let version: OCPPVersion
        /// Not in the configuration, admitted under the `pending` policy.
        public let isUnknown: Bool
    }

    let configuration: OCPPServerConfiguration
    /// Passwords by charger id, read once at start (files included).
    let passwords: [String: String]
    /// The versions stationd serves chargers in, preferred first when a charger offers several.
    public static let servedVersions: [OCPPVersion] = [.v201, .v16]

    /// Reads password files; a missing file is an error naming it.
    public init(configuration: OCPPServerConfiguration) throws {
        self.configuration = configuration
        var passwords: [String: String] = [:]
        for charger in configuration.chargers {
            guard let password = charger.credential.password() else {
                throw StationSetupError("charger \(charger.id): cannot read password file \(charger.credential.filePath ?? "")")
            }
            passwords[charger.id] = password
        }
        self.passwords = passwords
    }

    /// Decides on an upgrade request for `ws://.../ocpp/{chargerID}`.
    public func admit(chargerID: String, headers: HTTPFields) throws(Refusal) -> Admitted {
        let offered = headers[values: .secWebSocketProtocol]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let version = Self.servedVersions.first(where: { offered.contains($0.subprotocol) }) else {
            throw .noCommonSubprotocol(offered)
        }
        guard let password = passwords[chargerID] else {
            guard configuration.unknownChargers == .pending else { throw .unknownCharger(chargerID) }
            return Admitted(chargerID: chargerID, version: version, isUnknown: true)
        }
        guard let credentials = BasicCredentials(authorization: headers[.authorization]) else {
            throw .unauthorized("charger \(chargerID) sent no Basic credentials")
        }
        guard credentials.user == chargerID, BasicCredentials.constantTimeEqual(credentials.password, password) else {
            throw .unauthorized("wrong credentials for charger \(chargerID)")
        }
        return Admitted(chargerID: chargerID, version: version, isUnknown: false)
    }

    /// `admit` as a result.
    public func decide(chargerID: String, headers: HTTPFields) -> Result<Admitted, Refusal> {
        do {
            return .success(try admit(chargerID: chargerID, headers: headers))
        } catch {
            return .failure(error)
        }
    }
}
