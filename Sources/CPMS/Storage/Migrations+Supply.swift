extension Migrations {
    /// Version 13: energy supply. The DSO registry, station groups, the feeds' forecasts and status, the policy,
    /// the plan, what each station was last sent, and the supply requests owed to DSOs.
    ///
    /// Prices are Decimal text (exact). `supply_forecasts.grp` is '' for a whole contract. The plan keeps past
    /// windows (monitoring reads them) and is replaced from the current window on. `supply_requests` is a
    /// durable job: claimed with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), kept until delivered or refused.
    static let supply = Migration(version: 13, name: "energy supply: DSOs, groups, forecasts, policy, plan, requests", statements: [
        """
        CREATE TABLE supply_dsos (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            contract_json TEXT NOT NULL,
            feeds_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE supply_groups (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            connection_limit_w DOUBLE PRECISION,
            updated_at TEXT NOT NULL
        )
        """,
        """
        CREATE TABLE supply_group_members (
            grp TEXT NOT NULL REFERENCES supply_groups (id),
            station TEXT NOT NULL,
            connection_limit_w DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (grp, station)
        )
        """,
        "CREATE UNIQUE INDEX supply_group_members_station ON supply_group_members (station)",
        """
        CREATE TABLE supply_forecasts (
            dso TEXT NOT NULL,
            feed TEXT NOT NULL,
            grp TEXT NOT NULL,
            interval_start TEXT NOT NULL,
            interval_end TEXT NOT NULL,
            price TEXT,
            currency TEXT,
            export_price TEXT,
            mix_json TEXT,
            renewable_share DOUBLE PRECISION,
            co2_g_per_kwh DOUBLE PRECISION,
            capacity_w DOUBLE PRECISION,
            source TEXT NOT NULL,
            received_at TEXT NOT NULL,
            PRIMARY KEY (dso, feed, grp, interval_start)
        )
        """,
        "CREATE INDEX supply_forecasts_by_time ON supply_forecasts (dso, interval_end)",
        """
        CREATE TABLE supply_feed_status (
            dso TEXT NOT NULL,
            feed TEXT NOT NULL,
            last_success_at TEXT,
            last_attempt_at TEXT,
            last_error TEXT,
            data_until TEXT,
            PRIMARY KEY (dso, feed)
        )
        """,
        """
        CREATE TABLE supply_policy (
            id BIGINT PRIMARY KEY,
            kind TEXT NOT NULL,
            parameters_json TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_by TEXT
        )
        """,
        """
        CREATE TABLE supply_plan (
            grp TEXT NOT NULL,
            window_start TEXT NOT NULL,
            dso TEXT,
            price TEXT NOT NULL,
            currency TEXT NOT NULL,
            export_price TEXT,
            renewable_share DOUBLE PRECISION,
            co2_g_per_kwh DOUBLE PRECISION,
            mix_json TEXT,
            cap_w DOUBLE PRECISION NOT NULL,
            quality TEXT NOT NULL,
            reasons_json TEXT NOT NULL,
            planned_at TEXT NOT NULL,
            PRIMARY KEY (grp, window_start)
        )
        """,
        "CREATE INDEX supply_plan_by_window ON supply_plan (window_start)",
        """
        CREATE TABLE supply_sent (
            station TEXT PRIMARY KEY,
            schedule_hash TEXT,
            schedule_json TEXT,
            schedule_version BIGINT NOT NULL DEFAULT 0,
            schedule_sent_at TEXT,
            schedule_acknowledged BIGINT NOT NULL DEFAULT 0,
            schedule_refusal TEXT,
            cap_hash TEXT,
            cap_json TEXT,
            cap_sent_at TEXT,
            cap_acknowledged BIGINT NOT NULL DEFAULT 0,
            cap_refusal TEXT
        )
        """,
        """
        CREATE TABLE supply_requests (
            id TEXT PRIMARY KEY,
            dso TEXT NOT NULL,
            grp TEXT NOT NULL,
            span_start TEXT NOT NULL,
            span_end TEXT NOT NULL,
            capacity_w DOUBLE PRECISION NOT NULL,
            reason TEXT NOT NULL,
            origin TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT,
            attempts BIGINT NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            leased_until TEXT,
            lease_owner TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )
        """,
        "CREATE INDEX supply_requests_due ON supply_requests (state, next_attempt_at)",
        "CREATE UNIQUE INDEX supply_requests_planned ON supply_requests (dso, grp, span_start, span_end) WHERE origin = 'plan'",
    ])
}
