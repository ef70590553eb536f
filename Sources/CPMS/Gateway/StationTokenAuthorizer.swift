import OCPP

/// Answers a station's question about an id token (Authorize, and the idToken of a TransactionEvent).
protocol StationTokenAuthorizer: Sendable {
    /// The status for `idToken` presented at `station` (on `evse` when the station said which).
    func status(of idToken: OCPP201.IdToken, station: String, evse: Int?) async -> OCPP201.AuthorizationStatus
}

/// `--accepted-tokens` alone: the listed tokens, or every token when there is no list.
struct AcceptedTokensAuthorizer: StationTokenAuthorizer {
    let acceptedTokens: Set<String>?

    func status(of idToken: OCPP201.IdToken, station: String, evse: Int?) async -> OCPP201.AuthorizationStatus {
        StationConnection.verdict(for: idToken.idToken, tokens: acceptedTokens)
    }
}
