extension Migrations {
    /// Version 15: cpms's OSCP 2.0 registrations at DSOs' Capacity Providers (the token cpms calls with, the
    /// one it is called with only as SHA-256) and the compliance errors they reported.
    static let oscp = Migration(version: 15, name: "OSCP registrations and compliance errors", statements: [
        """
        CREATE TABLE oscp_registrations (
            dso TEXT PRIMARY KEY,
            capacity_provider_url TEXT NOT NULL,
            registration_token_sha256 TEXT NOT NULL,
            incoming_token_sha256 TEXT UNIQUE,
            outgoing_token TEXT,
            cp_base_url TEXT,
            status TEXT NOT NULL,
            fallback_json TEXT,
            updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE oscp_compliance_errors (
            dso TEXT NOT NULL,
            request_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            message TEXT NOT NULL,
            blocks_json TEXT NOT NULL,
            PRIMARY KEY (dso, request_id)
        )
        """,
    ])
}
