extension Migrations {
    /// Version 14: the OpenADR 2.0b events each DSO's VTN sent, one row per (DSO, eventID) at its latest
    /// modification: what cpms answered, what the event says now, and the span not yet handed to the forecast.
    ///
    /// A restart therefore neither handles an event again (the same or a lower modification number is a
    /// duplicate, answered as before) nor loses one whose forecast was not yet stored (`pending_start`/`pending_end`).
    static let openADREvents = Migration(version: 14, name: "OpenADR events seen per DSO", statements: [
        """
        CREATE TABLE openadr_events (
            dso TEXT NOT NULL,
            event_id TEXT NOT NULL,
            modification_number BIGINT NOT NULL,
            opt TEXT NOT NULL,
            reason TEXT,
            intervals_json TEXT NOT NULL,
            pending_start TEXT,
            pending_end TEXT,
            seq BIGINT NOT NULL,
            handled_at TEXT NOT NULL,
            PRIMARY KEY (dso, event_id)
        )
        """,
    ])
}
