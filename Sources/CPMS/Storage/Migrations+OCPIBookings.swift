extension Migrations {
    /// Version 12: the OCPI bookings (Bookings add-on): which eMSP platform (`ocpi_parties.name`) owns which
    /// calendar booking (`id` is the calendar entry's id and the OCPI Booking.id), the eMSP's request_id, and the
    /// Booking as last published to it.
    static let ocpiBookings = Migration(version: 12, name: "OCPI bookings of eMSPs", statements: [
        """
        CREATE TABLE ocpi_bookings (
            id TEXT PRIMARY KEY,
            emsp TEXT NOT NULL,
            country_code TEXT NOT NULL,
            party_id TEXT NOT NULL,
            request_id TEXT NOT NULL,
            reservation_status TEXT NOT NULL,
            booking_json TEXT NOT NULL,
            created_at TEXT NOT NULL,
            last_updated TEXT NOT NULL,
            UNIQUE (country_code, party_id, request_id)
        )
        """,
        "CREATE INDEX ocpi_bookings_by_emsp ON ocpi_bookings (emsp, id)",
    ])
}
