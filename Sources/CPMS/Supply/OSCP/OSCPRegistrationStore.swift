import Foundation
import OCPP
import SQLKit

/// cpms's registration at one DSO's Capacity Provider, as kept in `oscp_registrations`.
struct OSCPRegistration: Sendable, Equatable {
    enum Status: String, Sendable {
        /// cpms sent `register` with token B and waits for the CP's `register` with token C.
        case registering
        case registered
    }

    var dso: String
    /// The CP URL and the SHA-256 of token A it was made with: other settings make a new registration.
    var capacityProviderURL: String
    var registrationTokenSHA256: String
    var incomingTokenSHA256: String?
    /// Token C: what cpms calls the CP with.
    var outgoingToken: String?
    /// The base URL the CP gave in its `register`.
    var capacityProviderBaseURL: String?
    var status: Status
    /// The CP's last FALLBACK_CONSUMPTION forecast, for when it goes offline.
    var fallback: [ForecastInterval]
}

/// A GroupCapacityComplianceError a CP sent.
struct OSCPComplianceErrorRecord: Sendable, Equatable, Codable {
    var dso: String
    var requestID: String
    var receivedAt: Date
    var message: String
    var forecastedBlocks: [OSCPForecastedBlock]
}

struct OSCPRegistrationStore: Sendable {
    let database: any CPMSDatabase

    func registration(dso: String) async throws -> OSCPRegistration? {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("oscp_registrations").where("dso", .equal, dso).first()
        }.map(Self.registration)
    }

    /// A new registration under way: the token B the CP will call with (its digest), no token C yet.
    func begin(dso: String, capacityProviderURL: String, registrationToken: String, incomingToken: String, at time: Date) async throws {
        try await database.transaction { connection in
            try await connection.delete(from: "oscp_registrations").where("dso", .equal, dso).run()
            try await connection.insert(into: "oscp_registrations")
                .columns("dso", "capacity_provider_url", "registration_token_sha256", "incoming_token_sha256", "status", "updated_at")
                .values(
                    dso, capacityProviderURL, Secrets.sha256Hex(registrationToken), Secrets.sha256Hex(incomingToken),
                    OSCPRegistration.Status.registering.rawValue, StoredTime.text(time))
                .run()
        }
    }

    /// The CP's `register` arrived: token C and its base URL. False when no registration of `dso` is under way.
    func complete(dso: String, outgoingToken: String, baseURL: String, at time: Date) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.update("oscp_registrations")
                .set("outgoing_token", to: outgoingToken).set("cp_base_url", to: baseURL)
                .set("status", to: OSCPRegistration.Status.registered.rawValue).set("updated_at", to: StoredTime.text(time))
                .where("dso", .equal, dso).returning("dso").all()
        }.isEmpty == false
    }

    func saveFallback(dso: String, _ intervals: [ForecastInterval], at time: Date) async throws {
        let json = String(decoding: try OSCPCoding.encode(intervals), as: UTF8.self)
        try await database.withConnection { connection in
            try await connection.update("oscp_registrations").set("fallback_json", to: json).set("updated_at", to: StoredTime.text(time))
                .where("dso", .equal, dso).run()
        }
    }

    func remove(dso: String) async throws {
        try await database.withConnection { connection in
            try await connection.delete(from: "oscp_registrations").where("dso", .equal, dso).run()
        }
    }

    /// Keeps the error; one arriving again with the same request id is kept once.
    func record(_ error: OSCPComplianceErrorRecord) async throws {
        let blocks = String(decoding: try OSCPCoding.encode(error.forecastedBlocks), as: UTF8.self)
        try await database.withConnection { connection in
            try await connection.insert(into: "oscp_compliance_errors")
                .columns("dso", "request_id", "received_at", "message", "blocks_json")
                .values(error.dso, error.requestID, StoredTime.text(error.receivedAt), error.message, blocks)
                .ignoringConflicts(with: ["dso", "request_id"]).run()
        }
    }

    /// The DSO's compliance errors, newest first.
    func complianceErrors(dso: String, limit: Int = 100) async throws -> [OSCPComplianceErrorRecord] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("oscp_compliance_errors").where("dso", .equal, dso)
                .orderBy("received_at", .descending).limit(limit).all()
        }.map { row in
            OSCPComplianceErrorRecord(
                dso: try row.decode(column: "dso", as: String.self), requestID: try row.decode(column: "request_id", as: String.self),
                receivedAt: OCPPDateTime.parse(try row.decode(column: "received_at", as: String.self)) ?? .distantPast,
                message: try row.decode(column: "message", as: String.self),
                forecastedBlocks: try JSONDecoder().decode([OSCPForecastedBlock].self, from: Data(try row.decode(column: "blocks_json", as: String.self).utf8)))
        }
    }

    static func registration(_ row: any SQLRow) throws -> OSCPRegistration {
        func optional(_ column: String) throws -> String? {
            try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
        }
        let fallback = try optional("fallback_json").map { try JSONDecoder().decode([ForecastInterval].self, from: Data($0.utf8)) } ?? []
        return OSCPRegistration(
            dso: try row.decode(column: "dso", as: String.self), capacityProviderURL: try row.decode(column: "capacity_provider_url", as: String.self),
            registrationTokenSHA256: try row.decode(column: "registration_token_sha256", as: String.self),
            incomingTokenSHA256: try optional("incoming_token_sha256"), outgoingToken: try optional("outgoing_token"),
            capacityProviderBaseURL: try optional("cp_base_url"),
            status: OSCPRegistration.Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .registering, fallback: fallback)
    }
}
