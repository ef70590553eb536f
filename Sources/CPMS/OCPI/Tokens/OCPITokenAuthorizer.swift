import Foundation
import Logging
import OCPI
import OCPP
import StationCore

/// Answers a station's Authorize (and a TransactionEvent's id token) from the tokens eMSPs gave, asking an eMSP's
/// real-time authorization (`POST {tokens SENDER}/{uid}/authorize?type=...`) for what cpms cannot decide itself.
///
/// In order: a token in `--accepted-tokens` is Accepted; a stored token decides by `TokenVerdict.local`; an
/// authorization an eMSP gave for the token at this station within `reuse` (its real-time answer, or a
/// START_SESSION) is answered again; otherwise the eMSPs are asked, all in parallel, each call bounded by
/// `--ocpi-authorize-timeout`: the eMSP whose party the contract id names, if the token is an eMAID of a known
/// party, else every registered eMSP with a tokens SENDER endpoint. The first ALLOWED wins; otherwise the first
/// answer; nobody in time: the verdict's fallback (Unknown for an unknown token). No eMSP to ask and no
/// `--accepted-tokens` list: Accepted, as cpms did before OCPI.
struct OCPITokenAuthorizer: StationTokenAuthorizer {
    let tokens: OCPITokenStore
    let parties: OCPIPartyStore
    let locations: LocationStore
    let party: CPOParty
    /// Calls with the authorize timeout.
    let client: OCPIClient
    let acceptedTokens: Set<String>?
    let reuse: Duration
    let clock: any StationClock
    let logger: Logger

    func status(of idToken: OCPP201.IdToken, station: String, evse: Int?) async -> OCPP201.AuthorizationStatus {
        do {
            return try await decide(idToken, station: station, evse: evse)
        } catch {
            logger.error("authorizing \(idToken.idToken) at \(station) failed: \(String(reflecting: error))")
            return acceptedTokens?.contains(idToken.idToken) == true ? .accepted : .unknown
        }
    }

    private func decide(_ idToken: OCPP201.IdToken, station: String, evse: Int?) async throws -> OCPP201.AuthorizationStatus {
        let uid = idToken.idToken
        if acceptedTokens?.contains(uid) == true { return .accepted }
        let type = TokenVerdict.tokenType(idToken.type)
        let known = try await tokens.tokens(uid: uid)
        let stored = known.first { $0.token.type == type } ?? known.first
        let verdict = TokenVerdict.local(stored?.token)
        if case .decided(let status) = verdict { return status }
        let now = clock.wallTime
        if let given = try await tokens.latestAuthorization(station: station, idToken: uid),
            now.timeIntervalSince(given.at) <= Double(reuse.components.seconds), now >= given.at
        {
            return TokenVerdict.status(given.allowed)
        }
        let askable = try await parties.registered().filter { $0.endpoint(.tokens, role: .sender) != nil && $0.outgoingToken != nil }
        var asked = askable
        if let owner = stored?.emsp {
            asked = askable.filter { $0.name == owner }
        } else if idToken.type == .eMAID, let named = TokenVerdict.contractParty(uid) {
            let owners = askable.filter { $0.isParty(countryCode: named.countryCode, partyID: named.partyID) }
            if !owners.isEmpty { asked = owners }
        }
        guard case .askEMSP(let fallback) = verdict else { return .unknown }
        guard !asked.isEmpty else {
            if stored == nil { return acceptedTokens == nil ? .accepted : .invalid }
            return fallback
        }
        let references = try await locationReferences(station: station, evse: evse)
        guard let (emsp, info) = await ask(asked, uid: uid, type: stored?.token.type ?? type, references: references) else {
            logger.notice("no eMSP authorized \(uid) at \(station) in time: \(fallback.rawValue)")
            return fallback
        }
        try await tokens.put(info.token, emsp: emsp)
        try await tokens.record(.init(
            station: station, idToken: uid, emsp: emsp, allowed: info.allowed, authorizationReference: info.authorizationReference, at: now))
        return TokenVerdict.status(info.allowed)
    }

    /// The Location (and EVSE) the token is presented at, when the station is published.
    private func locationReferences(station: String, evse: Int?) async throws -> LocationReferences? {
        guard let location = try await locations.stored(station: station) else { return nil }
        let uids = evse.map { [EVSEIdentity.evseID(party: party, code: location.evseCode, evse: $0)] }
        return LocationReferences(locationID: station, evseUIDs: uids)
    }

    /// Asks `emsps` in parallel; the first ALLOWED, else the first answer, else nil.
    private func ask(_ emsps: [OCPIParty], uid: String, type: TokenType, references: LocationReferences?) async -> (String, AuthorizationInfo)? {
        let body = references.flatMap { try? OCPICoding.encode($0) }
        return await withTaskGroup(of: (String, AuthorizationInfo)?.self) { group in
            for emsp in emsps {
                guard let endpoint = emsp.endpoint(.tokens, role: .sender), let token = emsp.outgoingToken else { continue }
                let encoded = uid.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? uid
                let base = endpoint.url.hasSuffix("/") ? String(endpoint.url.dropLast()) : endpoint.url
                let url = "\(base)/\(encoded)/authorize?type=\(type.rawValue)"
                let receiver = emsp.roles.first { $0.role == .emsp } ?? emsp.roles.first
                group.addTask {
                    do {
                        let answer = try await client.call(.POST, url, token: token, body: body, receiver: receiver, answer: AuthorizationInfo.self)
                        return (emsp.name, try answer.data())
                    } catch {
                        logger.notice("real-time authorization of \(uid) at \(emsp.name) failed: \(error)")
                        return nil
                    }
                }
            }
            var first: (String, AuthorizationInfo)?
            for await answer in group {
                guard let answer else { continue }
                if answer.1.allowed == .allowed {
                    group.cancelAll()
                    return answer
                }
                if first == nil { first = answer }
            }
            return first
        }
    }
}
