extension Migrations {
    /// Version 4: the EVSEs' descriptions and the booking calendar (entries, executed actions, a revision).
    static let calendar = Migration(version: 4, name: "EVSE descriptions and the booking calendar", statements: [
        """
        CREATE TABLE evse_connectors (
            station TEXT NOT NULL REFERENCES stations (id),
            evse BIGINT NOT NULL,
            connector BIGINT NOT NULL,
            standard TEXT NOT NULL,
            format TEXT NOT NULL,
            power_type TEXT NOT NULL,
            max_voltage BIGINT,
            max_amperage BIGINT,
            max_electric_power BIGINT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (station, evse, connector)
        )
        """,
        """
        CREATE TABLE calendar_entries (
            id TEXT PRIMARY KEY,
            station TEXT NOT NULL REFERENCES stations (id),
            evse BIGINT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            starts_at TEXT NOT NULL,
            ends_at TEXT NOT NULL,
            version BIGINT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            entry_json TEXT NOT NULL
        )
        """,
        "CREATE INDEX calendar_entries_by_evse ON calendar_entries (station, evse, starts_at)",
        """
        CREATE TABLE calendar_actions (
            action_id TEXT PRIMARY KEY,
            entry TEXT NOT NULL REFERENCES calendar_entries (id),
            kind TEXT NOT NULL,
            station TEXT NOT NULL,
            evse BIGINT NOT NULL,
            due_at TEXT NOT NULL,
            executed_at TEXT NOT NULL,
            outcome TEXT NOT NULL
        )
        """,
        "CREATE INDEX calendar_actions_by_time ON calendar_actions (executed_at)",
        "CREATE TABLE calendar_revision (id BIGINT PRIMARY KEY, revision BIGINT NOT NULL)",
        "INSERT INTO calendar_revision (id, revision) VALUES (1, 0)",
    ])
}
