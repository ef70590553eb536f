extension Migrations {
    /// Version 9: delivery of the OCPI push queue: who holds a row's lease, when it last failed, and the pushes set aside.
    ///
    /// `lease_owner` names the delivery worker (one per cpms process) that claimed a row until `leased_until`;
    /// its outcome is stored only while it still holds the lease. A push the eMSP refused for good (OCPI 2xxx, or
    /// an HTTP 4xx other than 408 and 429), or owed to an eMSP that has since unregistered, moves to
    /// `ocpi_push_dead_letters` with the reason, out of its object's way. `ocpi_published` keeps each Location and
    /// tariff as last pushed (`location/{station}`, `tariff/{id}`): the next change is pushed as the difference.
    static let ocpiPushDelivery = Migration(version: 9, name: "OCPI push delivery: leases and dead letters", statements: [
        "ALTER TABLE ocpi_push_queue ADD COLUMN lease_owner TEXT",
        "ALTER TABLE ocpi_push_queue ADD COLUMN last_attempt_at TEXT",
        """
        CREATE TABLE ocpi_push_dead_letters (
            party TEXT NOT NULL,
            seq BIGINT NOT NULL,
            object_key TEXT NOT NULL,
            module TEXT,
            path_json TEXT,
            url TEXT,
            method TEXT NOT NULL,
            body TEXT,
            request_id TEXT NOT NULL,
            enqueued_at TEXT NOT NULL,
            attempts BIGINT NOT NULL,
            last_error TEXT,
            reason TEXT NOT NULL,
            dead_at TEXT NOT NULL,
            PRIMARY KEY (party, seq)
        )
        """,
        "CREATE INDEX ocpi_push_dead_letters_by_time ON ocpi_push_dead_letters (party, dead_at)",
        """
        CREATE TABLE ocpi_published (
            object_key TEXT PRIMARY KEY,
            ocpi_json TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
    ])
}
