extension Migrations {
    /// Version 8: the tokens eMSPs gave cpms (Tokens module, Receiver; START_SESSION and RESERVE_NOW carry one too),
    /// by the eMSP platform (`ocpi_parties.name`) that owns them.
    static let ocpiTokens = Migration(version: 8, name: "OCPI tokens from eMSPs", statements: [
        """
        CREATE TABLE ocpi_tokens (
            country_code TEXT NOT NULL,
            party_id TEXT NOT NULL,
            uid TEXT NOT NULL,
            type TEXT NOT NULL,
            emsp TEXT NOT NULL,
            token_json TEXT NOT NULL,
            valid BIGINT NOT NULL,
            last_updated TEXT NOT NULL,
            PRIMARY KEY (country_code, party_id, uid, type)
        )
        """,
        "CREATE INDEX ocpi_tokens_by_uid ON ocpi_tokens (uid)",
    ])
}
