extension Migrations {
    /// Version 6: each station's location as an admin describes it, for publishing it as an OCPI Location.
    static let locations = Migration(version: 6, name: "station locations for OCPI", statements: [
        """
        CREATE TABLE station_locations (
            station TEXT PRIMARY KEY REFERENCES stations (id),
            details_json TEXT NOT NULL,
            evse_code TEXT NOT NULL UNIQUE,
            updated_at TEXT NOT NULL
        )
        """,
    ])
}
