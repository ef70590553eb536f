public import Foundation

/// The station as the local API shows it: `GET /api/status`.
public struct StationStatusDocument: Codable, Sendable, Equatable {
    public var stationId: String
    public var time: Date
    public var uptimeSeconds: Double
    public var cycle: Int
    public var periodMs: Int
    public var lastCycleMs: Double?
    public var mode: String?
    public var reasons: [Reason]
    public var grid: Grid
    public var battery: Battery?
    public var sockets: [Socket]
    public var audit: [AvailabilityChange]
    /// The connection to the CSMS, when the station has one.
    public var uplink: Uplink?
    /// The price schedule the energy manager plans with; absent from an older stationd.
    public var prices: Prices?

    /// The price schedule in use: the CSMS's (`central`) while it lasts, else the station's tariff (`tariff`).
    public struct Prices: Codable, Sendable, Equatable {
        public var source: String
        /// The CSMS's version of its schedule (held even when it has run out).
        public var centralVersion: Int?
        /// When the station accepted the CSMS's schedule, by the station's clock.
        public var centralReceivedAt: Date?
        /// The same in milliseconds since 1970 (ISO 8601 here has whole seconds), for measuring latencies.
        public var centralReceivedAtUnixMs: Double?
        public var centralSlots: Int
        public var centralEndsAt: Date?
        /// The import price in force now, per kWh (the schedule's currency).
        public var importPrice: Double?

        public init(
            source: String, centralVersion: Int?, centralReceivedAt: Date?, centralSlots: Int, centralEndsAt: Date?,
            importPrice: Double?
        ) {
            self.source = source
            self.centralVersion = centralVersion
            self.centralReceivedAt = centralReceivedAt
            centralReceivedAtUnixMs = centralReceivedAt.map { ($0.timeIntervalSince1970 * 1000).rounded() }
            self.centralSlots = centralSlots
            self.centralEndsAt = centralEndsAt
            self.importPrice = importPrice
        }
    }

    public struct Uplink: Codable, Sendable, Equatable {
        /// Whether the CSMS accepted the station on the current connection.
        public var connected: Bool
        /// Messages in the outbox waiting to be sent.
        public var queued: Int
        /// How the outbox's writes go; absent from an older stationd.
        public var outbox: Outbox?

        public init(connected: Bool, queued: Int, outbox: Outbox? = nil) {
            self.connected = connected
            self.queued = queued
            self.outbox = outbox
        }
    }

    /// The outbox's health: a failing outbox keeps what it could not write in memory and tries every cycle.
    public struct Outbox: Codable, Sendable, Equatable {
        /// Whether the last write failed.
        public var writeFailing: Bool
        /// Failed writes in a row up to now.
        public var consecutiveWriteFailures: Int
        /// Failed writes since stationd started.
        public var writeFailuresTotal: Int
        public var failingSince: Date?
        public var lastError: String?
        /// Age of the oldest message the CSMS has not acknowledged yet; absent when none waits.
        public var oldestUnsentAgeSeconds: Double?
        /// Messages set aside (`dead_letters`) after the CSMS refused them repeatedly.
        public var deadLetters: Int
        /// Meter values and telemetry thinned because the outbox was full, since stationd started.
        public var thinned: Int

        public init(
            writeFailing: Bool, consecutiveWriteFailures: Int, writeFailuresTotal: Int, failingSince: Date?, lastError: String?,
            oldestUnsentAgeSeconds: Double?, deadLetters: Int, thinned: Int
        ) {
            self.writeFailing = writeFailing
            self.consecutiveWriteFailures = consecutiveWriteFailures
            self.writeFailuresTotal = writeFailuresTotal
            self.failingSince = failingSince
            self.lastError = lastError
            self.oldestUnsentAgeSeconds = oldestUnsentAgeSeconds
            self.deadLetters = deadLetters
            self.thinned = thinned
        }
    }

    public struct Reason: Codable, Sendable, Equatable {
        public var code: String
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// How recent and trustworthy a device's data is.
    public struct Data: Codable, Sendable, Equatable {
        public var quality: String
        public var ageMs: Double?
        public var error: String?

        public init(quality: String, ageMs: Double?, error: String?) {
            self.quality = quality
            self.ageMs = ageMs
            self.error = error
        }
    }

    public struct Grid: Codable, Sendable, Equatable {
        public var powerW: Double?
        public var capW: Double
        public var data: Data

        public init(powerW: Double?, capW: Double, data: Data) {
            self.powerW = powerW
            self.capW = capW
            self.data = data
        }
    }

    public struct Battery: Codable, Sendable, Equatable {
        public var socPct: Double?
        public var powerW: Double?
        public var setpointW: Double
        public var data: Data

        public init(socPct: Double?, powerW: Double?, setpointW: Double, data: Data) {
            self.socPct = socPct
            self.powerW = powerW
            self.setpointW = setpointW
            self.data = data
        }
    }

    public struct Socket: Codable, Sendable, Equatable {
        public var id: Int
        public var status: String
        public var pilot: String?
        public var powerW: Double?
        public var energyWh: Double?
        public var offeredA: Double
        public var maxCurrentA: Double
        public var phases: Int
        public var contactorClosed: Bool?
        public var data: Data
        public var session: Session?
        public var enabled: Bool
        public var disabledBy: [AvailabilityChange]
        public var reservation: Reservation?

        public init(
            id: Int, status: String, pilot: String?, powerW: Double?, energyWh: Double?, offeredA: Double,
            maxCurrentA: Double, phases: Int, contactorClosed: Bool?, data: Data, session: Session?, enabled: Bool,
            disabledBy: [AvailabilityChange], reservation: Reservation?
        ) {
            self.id = id
            self.status = status
            self.pilot = pilot
            self.powerW = powerW
            self.energyWh = energyWh
            self.offeredA = offeredA
            self.maxCurrentA = maxCurrentA
            self.phases = phases
            self.contactorClosed = contactorClosed
            self.data = data
            self.session = session
            self.enabled = enabled
            self.disabledBy = disabledBy
            self.reservation = reservation
        }
    }

    public struct Session: Codable, Sendable, Equatable {
        public var id: String
        public var idTag: String?
        public var startedAt: Date
        public var energyWh: Double
        public var powerW: Double

        public init(id: String, idTag: String?, startedAt: Date, energyWh: Double, powerW: Double) {
            self.id = id
            self.idTag = idTag
            self.startedAt = startedAt
            self.energyWh = energyWh
            self.powerW = powerW
        }
    }

    public struct Reservation: Codable, Sendable, Equatable {
        public var id: Int
        public var idTag: String
        public var expiresAt: Date

        public init(id: Int, idTag: String, expiresAt: Date) {
            self.id = id
            self.idTag = idTag
            self.expiresAt = expiresAt
        }
    }

    public struct AvailabilityChange: Codable, Sendable, Equatable {
        public var socket: Int
        public var source: String
        public var enabled: Bool
        public var actor: String
        public var reason: String
        public var at: Date

        public init(socket: Int, source: String, enabled: Bool, actor: String, reason: String, at: Date) {
            self.socket = socket
            self.source = source
            self.enabled = enabled
            self.actor = actor
            self.reason = reason
            self.at = at
        }
    }

    public init(
        stationId: String, time: Date, uptimeSeconds: Double, cycle: Int, periodMs: Int, lastCycleMs: Double?,
        mode: String?, reasons: [Reason], grid: Grid, battery: Battery?, sockets: [Socket], audit: [AvailabilityChange],
        uplink: Uplink? = nil, prices: Prices? = nil
    ) {
        self.uplink = uplink
        self.prices = prices
        self.stationId = stationId
        self.time = time
        self.uptimeSeconds = uptimeSeconds
        self.cycle = cycle
        self.periodMs = periodMs
        self.lastCycleMs = lastCycleMs
        self.mode = mode
        self.reasons = reasons
        self.grid = grid
        self.battery = battery
        self.sockets = sockets
        self.audit = audit
    }
}

/// `POST /api/sockets/{id}/disable` and `/enable`.
public struct SocketAvailabilityRequest: Codable, Sendable, Equatable {
    /// Who asks: the technician's name.
    public var actor: String
    public var reason: String

    public init(actor: String, reason: String) {
        self.actor = actor
        self.reason = reason
    }
}

/// `POST /api/sockets/{id}/reserve`.
public struct ReservationRequest: Codable, Sendable, Equatable {
    public var idTag: String
    public var expiresInSeconds: Int

    public init(idTag: String, expiresInSeconds: Int) {
        self.idTag = idTag
        self.expiresInSeconds = expiresInSeconds
    }
}

/// `POST /api/sockets/{id}/start`.
public struct RemoteStartRequest: Codable, Sendable, Equatable {
    public var idTag: String

    public init(idTag: String) {
        self.idTag = idTag
    }
}

/// An error answer of the local API.
public struct APIErrorDocument: Codable, Sendable, Equatable {
    public var error: String

    public init(error: String) {
        self.error = error
    }
}

/// The local API's JSON conventions: snake_case keys, ISO 8601 times.
public enum StationAPIJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
