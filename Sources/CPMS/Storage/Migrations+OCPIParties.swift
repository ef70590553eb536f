extension Migrations {
    /// Version 5: the eMSPs cpms is the CPO for, with their OCPI credentials (incoming tokens only as SHA-256).
    static let ocpiParties = Migration(version: 5, name: "OCPI parties (eMSPs) and their credentials", statements: [
        """
        CREATE TABLE ocpi_parties (
            name TEXT PRIMARY KEY,
            status TEXT NOT NULL,
            registration_token_sha256 TEXT UNIQUE,
            incoming_token_sha256 TEXT UNIQUE,
            outgoing_token TEXT,
            versions_url TEXT,
            version TEXT,
            endpoints_json TEXT NOT NULL,
            roles_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
    ])
}
