public import Foundation

/// Everything one station's OCPI Location is made of, as read from the database: the station, its location
/// details, its described connectors, the live statuses, maintenance blocks, open transactions and tariff
/// assignments. Each part carries the time it last changed, which is what `last_updated` is made of.
public struct LocationInputs: Sendable, Equatable {
    public struct Station: Sendable, Equatable {
        public var id: String
        public var connected: Bool
        /// When cpms last heard of it: the moment an offline station's EVSEs became UNKNOWN.
        public var lastSeen: Date?
        public var timeZone: String

        public init(id: String, connected: Bool, lastSeen: Date?, timeZone: String) {
            self.id = id
            self.connected = connected
            self.lastSeen = lastSeen
            self.timeZone = timeZone
        }
    }

    public struct DescribedConnector: Sendable, Equatable {
        public var connector: EVSEConnector
        public var updatedAt: Date

        public init(_ connector: EVSEConnector, updatedAt: Date) {
            self.connector = connector
            self.updatedAt = updatedAt
        }
    }

    /// A connector's last OCPP 2.0.1 ConnectorStatus (Available, Occupied, Reserved, Unavailable, Faulted).
    public struct ConnectorStatus: Sendable, Equatable {
        public var evse: Int
        public var connector: Int
        public var status: String
        public var updatedAt: Date

        public init(evse: Int, connector: Int, status: String, updatedAt: Date) {
            self.evse = evse
            self.connector = connector
            self.status = status
            self.updatedAt = updatedAt
        }
    }

    /// A maintenance block of the calendar; `scheduled` false once cancelled or released.
    public struct MaintenanceBlock: Sendable, Equatable {
        public var evse: Int
        public var start: Date
        public var end: Date
        public var scheduled: Bool
        public var updatedAt: Date

        public init(evse: Int, start: Date, end: Date, scheduled: Bool, updatedAt: Date) {
            self.evse = evse
            self.start = start
            self.end = end
            self.scheduled = scheduled
            self.updatedAt = updatedAt
        }
    }

    /// A row of `tariff_assignments`: evse and connector 0 mean the whole station or the whole EVSE.
    public struct TariffAssignment: Sendable, Equatable {
        public var evse: Int
        public var connector: Int
        public var validFrom: Date
        public var seq: Int
        public var tariff: String

        public init(evse: Int, connector: Int, validFrom: Date, seq: Int, tariff: String) {
            self.evse = evse
            self.connector = connector
            self.validFrom = validFrom
            self.seq = seq
            self.tariff = tariff
        }
    }

    public var station: Station
    public var details: LocationDetails
    public var detailsUpdatedAt: Date
    /// The station's part of its EVSE ids (the details' `evse_code` or the derived one).
    public var evseCode: String
    public var connectors: [DescribedConnector]
    public var statuses: [ConnectorStatus]
    public var maintenance: [MaintenanceBlock]
    /// EVSEs with a transaction that has started and not ended.
    public var evsesInTransaction: Set<Int>
    public var tariffAssignments: [TariffAssignment]
    /// When each version of each assigned tariff took effect, by tariff id.
    public var tariffVersions: [String: [Date]]

    public init(
        station: Station, details: LocationDetails, detailsUpdatedAt: Date, evseCode: String, connectors: [DescribedConnector] = [],
        statuses: [ConnectorStatus] = [], maintenance: [MaintenanceBlock] = [], evsesInTransaction: Set<Int> = [],
        tariffAssignments: [TariffAssignment] = [], tariffVersions: [String: [Date]] = [:]
    ) {
        self.station = station
        self.details = details
        self.detailsUpdatedAt = detailsUpdatedAt
        self.evseCode = evseCode
        self.connectors = connectors
        self.statuses = statuses
        self.maintenance = maintenance
        self.evsesInTransaction = evsesInTransaction
        self.tariffAssignments = tariffAssignments
        self.tariffVersions = tariffVersions
    }
}
