extension Migrations {
    /// Migration 17: each station's latest meter value per EVSE (EVSE 0: the grid meter) and latest battery
    /// reading, kept by the ingest as it stores them (issue 17's overview reads these instead of looking up the
    /// newest of a day of readings for every EVSE on every poll). Filled from what is stored already.
    static let latestReadings = Migration(version: 17, name: "latest meter value and battery reading per station", statements: [
        """
        CREATE TABLE latest_meter_values (
            station TEXT NOT NULL REFERENCES stations (id),
            evse BIGINT NOT NULL,
            "timestamp" TEXT NOT NULL,
            energy_wh DOUBLE PRECISION,
            power_w DOUBLE PRECISION,
            PRIMARY KEY (station, evse)
        )
        """,
        """
        INSERT INTO latest_meter_values (station, evse, "timestamp", energy_wh, power_w)
        SELECT m.station, m.evse, m."timestamp", m.energy_wh, m.power_w
          FROM (SELECT station, evse, MAX("timestamp") AS latest FROM meter_values GROUP BY station, evse) k
          JOIN meter_values m ON m.station = k.station AND m.evse = k.evse AND m."timestamp" = k.latest
        """,
        """
        CREATE TABLE latest_battery_telemetry (
            station TEXT PRIMARY KEY REFERENCES stations (id),
            "timestamp" TEXT NOT NULL,
            soc_percent DOUBLE PRECISION NOT NULL,
            power_w DOUBLE PRECISION NOT NULL
        )
        """,
        """
        INSERT INTO latest_battery_telemetry (station, "timestamp", soc_percent, power_w)
        SELECT b.station, b."timestamp", b.soc_percent, b.power_w
          FROM (SELECT station, MAX("timestamp") AS latest FROM battery_telemetry GROUP BY station) k
          JOIN battery_telemetry b ON b.station = k.station AND b."timestamp" = k.latest
        """,
    ])
}
