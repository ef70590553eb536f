extension Migrations {
    /// Version 7: the calls cpms owes each eMSP (OCPI pushes), kept until the eMSP has taken them.
    ///
    /// `seq` comes from the party's row in `ocpi_push_counters`, taken in the enqueuing transaction: the row lock
    /// orders concurrent enqueues for one eMSP, and the queue is delivered in `seq` order per object key.
    static let ocpiPushQueue = Migration(version: 7, name: "OCPI push queue per eMSP", statements: [
        """
        CREATE TABLE ocpi_push_counters (
            party TEXT PRIMARY KEY,
            next_seq BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE ocpi_push_queue (
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
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            last_error TEXT,
            leased_until TEXT,
            PRIMARY KEY (party, seq)
        )
        """,
        "CREATE INDEX ocpi_push_queue_due ON ocpi_push_queue (next_attempt_at)",
        "CREATE INDEX ocpi_push_queue_by_object ON ocpi_push_queue (party, object_key, seq)",
    ])
}
