extension Migrations {
    /// Version 3: one priced record per ended transaction, each station's time zone, and the connector of a
    /// transaction event (tariffs can be assigned to connectors).
    static let chargingRecords = Migration(
        version: 3, name: "priced charging records, station time zones, transaction event connectors", statements: [
            "ALTER TABLE stations ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'",
            "ALTER TABLE transaction_events ADD COLUMN connector BIGINT",
            """
            CREATE TABLE charging_records (
                station TEXT NOT NULL REFERENCES stations (id),
                transaction_id TEXT NOT NULL,
                evse BIGINT,
                connector BIGINT,
                id_token TEXT,
                started_at TEXT NOT NULL,
                stopped_at TEXT NOT NULL,
                stopped_reason TEXT,
                time_zone TEXT NOT NULL,
                energy_wh TEXT,
                price_status TEXT NOT NULL,
                tariff_id TEXT,
                tariff_version BIGINT,
                currency TEXT,
                total_excl_vat TEXT,
                total_incl_vat TEXT,
                problems BIGINT NOT NULL,
                record_json TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (station, transaction_id)
            )
            """,
            #"CREATE INDEX charging_records_by_start ON charging_records (started_at)"#,
        ])
}
