extension Migrations {
    /// Migration 16: the operator portal's users, sessions, failed logins and audit log (issue 17).
    ///
    /// A session is found by the SHA-256 of its id; the id itself lives only in the browser's cookie.
    static let portal = Migration(version: 16, name: "portal users, sessions, failed logins and audit log", statements: [
        """
        CREATE TABLE portal_users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at TEXT NOT NULL,
            disabled BIGINT NOT NULL DEFAULT 0
        )
        """,
        """
        CREATE TABLE portal_sessions (
            id_sha256 TEXT PRIMARY KEY,
            user_name TEXT NOT NULL REFERENCES portal_users (name),
            created_at TEXT NOT NULL,
            last_seen_at TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            user_agent TEXT,
            client_address TEXT
        )
        """,
        "CREATE INDEX portal_sessions_by_user ON portal_sessions (user_name)",
        """
        CREATE TABLE portal_login_failures (
            subject TEXT NOT NULL,
            at TEXT NOT NULL,
            seq BIGINT NOT NULL,
            PRIMARY KEY (subject, at, seq)
        )
        """,
        """
        CREATE TABLE portal_audit_log (
            id TEXT PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            role TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT NOT NULL,
            before_json TEXT,
            after_json TEXT,
            client_address TEXT
        )
        """,
        "CREATE INDEX portal_audit_log_by_time ON portal_audit_log (at, id)",
    ])
}
