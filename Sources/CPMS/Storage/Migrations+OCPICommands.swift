extension Migrations {
    /// Version 11: real-time authorizations eMSPs gave (their authorization_reference, for the session that follows),
    /// the commands eMSPs sent (for their CommandResult and the sessions they start), and the OCPI reservations
    /// kept as calendar bookings.
    static let ocpiCommands = Migration(version: 11, name: "OCPI authorizations, commands and reservations", statements: [
        """
        CREATE TABLE ocpi_authorizations (
            station TEXT NOT NULL,
            id_token TEXT NOT NULL,
            authorized_at TEXT NOT NULL,
            emsp TEXT NOT NULL,
            allowed TEXT NOT NULL,
            authorization_reference TEXT,
            PRIMARY KEY (station, id_token, authorized_at)
        )
        """,
        """
        CREATE TABLE ocpi_commands (
            id TEXT PRIMARY KEY,
            emsp TEXT NOT NULL,
            command TEXT NOT NULL,
            response_url TEXT NOT NULL,
            station TEXT,
            evse BIGINT,
            remote_start_id BIGINT,
            id_token TEXT,
            session_id TEXT,
            reservation_id TEXT,
            authorization_reference TEXT,
            result TEXT,
            created_at TEXT NOT NULL,
            answered_at TEXT
        )
        """,
        "CREATE INDEX ocpi_commands_by_remote_start ON ocpi_commands (station, remote_start_id)",
        """
        CREATE TABLE ocpi_reservations (
            emsp TEXT NOT NULL,
            reservation_id TEXT NOT NULL,
            calendar_entry TEXT NOT NULL,
            station TEXT NOT NULL,
            evse BIGINT NOT NULL,
            created_at TEXT NOT NULL,
            PRIMARY KEY (emsp, reservation_id)
        )
        """,
    ])
}
