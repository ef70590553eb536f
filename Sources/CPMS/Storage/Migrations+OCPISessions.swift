extension Migrations {
    /// Version 10: the OCPI sessions cpms reports to eMSPs (one per station and transaction whose token an eMSP
    /// owns) and their CDRs (at most one per transaction, written in the transaction that enqueues its POST).
    static let ocpiSessions = Migration(version: 10, name: "OCPI sessions and CDRs for eMSPs", statements: [
        """
        CREATE TABLE ocpi_sessions (
            session_id TEXT PRIMARY KEY,
            station TEXT NOT NULL,
            transaction_id TEXT NOT NULL,
            emsp TEXT NOT NULL,
            status TEXT NOT NULL,
            charging_state TEXT,
            session_json TEXT NOT NULL,
            revision BIGINT NOT NULL,
            pushed_at TEXT NOT NULL,
            last_updated TEXT NOT NULL,
            UNIQUE (station, transaction_id)
        )
        """,
        "CREATE INDEX ocpi_sessions_by_emsp ON ocpi_sessions (emsp, last_updated)",
        "CREATE INDEX ocpi_sessions_open ON ocpi_sessions (status, pushed_at)",
        """
        CREATE TABLE ocpi_cdrs (
            cdr_id TEXT PRIMARY KEY,
            station TEXT NOT NULL,
            transaction_id TEXT NOT NULL,
            session_id TEXT NOT NULL,
            emsp TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT,
            cdr_json TEXT,
            created_at TEXT NOT NULL,
            last_updated TEXT NOT NULL,
            UNIQUE (station, transaction_id)
        )
        """,
        "CREATE INDEX ocpi_cdrs_by_emsp ON ocpi_cdrs (emsp, status, last_updated)",
    ])
}
