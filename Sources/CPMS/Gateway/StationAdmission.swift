import HTTPTypes
import Logging
import OCPP

/// Who may open a station connection: the `ocpp2.0.1` subprotocol, a registered id and its password.
struct StationAdmission: Sendable {
    /// Why a connection is refused.
    enum Refusal: Error, Equatable, CustomStringConvertible {
        case noCommonSubprotocol([String])
        case invalidIdentity(String)
        case unknownStation(String)
        case noCredentials(String)
        case wrongCredentials(String)

        var description: String {
            switch self {
            case .noCommonSubprotocol(let offered):
                "offered subprotocols \(offered.isEmpty ? "none" : offered.joined(separator: ", ")), cpms speaks only ocpp2.0.1"
            case .invalidIdentity(let id): "invalid station identity \"\(id)\""
            case .unknownStation(let id): "unknown station \(id)"
            case .noCredentials(let id): "station \(id) sent no Basic credentials"
            case .wrongCredentials(let id): "wrong credentials for station \(id)"
            }
        }
    }

    static let subprotocol = OCPPVersion.v201.subprotocol
    let authenticator: StationAuthenticator

    /// Admits or refuses an upgrade to `ws://.../ocpp/{stationID}`.
    func admit(stationID: String, headers: HTTPFields) async throws -> Result<Void, Refusal> {
        let offered = headers[values: .secWebSocketProtocol]
            .flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard offered.contains(Self.subprotocol) else { return .failure(.noCommonSubprotocol(offered)) }
        guard StationIdentity.isValid(stationID) else { return .failure(.invalidIdentity(stationID)) }
        guard let credentials = BasicCredentials(authorization: headers[.authorization]) else {
            return .failure(.noCredentials(stationID))
        }
        guard BasicCredentials.constantTimeEqual(credentials.user, stationID) else { return .failure(.wrongCredentials(stationID)) }
        switch try await authenticator.verify(station: stationID, password: credentials.password) {
        case .accepted: return .success(())
        case .unknownStation: return .failure(.unknownStation(stationID))
        case .wrongPassword: return .failure(.wrongCredentials(stationID))
        }
    }
}

/// Station identities: the last URL segment, at most 48 characters (OCPP-J), printable ASCII without `/`.
public enum StationIdentity {
    public static func isValid(_ id: String) -> Bool {
        (1...48).contains(id.count) && id.unicodeScalars.allSatisfy { (0x21...0x7E).contains($0.value) && $0 != "/" && $0 != ":" }
    }
}
