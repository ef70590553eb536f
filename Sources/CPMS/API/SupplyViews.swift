import Foundation
import SupplyPlanning
import Tariffs

struct SupplyGroupBody: Decodable {
    struct Member: Decodable {
        var station: String
        var connectionLimitW: Double
    }

    var id: String?
    var name: String?
    var connectionLimitW: Double?
    var members: [Member]
}

struct SupplyGroupView: Encodable {
    struct Member: Encodable {
        var station: String
        var connectionLimitW: Double
    }

    var id: String
    var name: String
    /// False for a station in no group, planned as a group of its own.
    var defined: Bool
    var connectionLimitW: Double
    var members: [Member]
}

struct SupplyPolicyBody: Decodable {
    var kind: String
    var pricePerKilogram: Decimal?
    var share: Double?
    var updatedBy: String?
}

struct SupplyPolicyView: Encodable {
    var kind: String
    var pricePerKilogram: Decimal?
    var share: Double?
    var updatedAt: String?
    var updatedBy: String?

    init(_ entry: SupplyPolicyStore.Entry) {
        let document = SupplyPolicyDocument(entry.policy)
        kind = document.kind
        pricePerKilogram = document.pricePerKilogram
        share = document.share
        updatedAt = entry.updatedAt
        updatedBy = entry.updatedBy
    }
}

/// A feed's health: `fresh`, `stale` (its last success is older than the contract's forecast bound), `failing`
/// (its last attempt failed; its forecasts are used within the bound), or `waiting` (nothing heard yet).
struct SupplyFeedView: Encodable {
    var dso: String
    var feed: String
    var state: String
    /// Seconds since the last success.
    var ageSeconds: Double?
    var lastSuccessAt: String?
    var lastAttemptAt: String?
    var lastError: String?
    var dataUntil: String?

    init(dso: String, feed: String, status: FeedStatus?, bound: Double, now: Date) {
        self.dso = dso
        self.feed = feed
        ageSeconds = status?.lastSuccessAt.map { now.timeIntervalSince($0) }
        lastSuccessAt = status?.lastSuccessAt.map(StoredTime.text)
        lastAttemptAt = status?.lastAttemptAt.map(StoredTime.text)
        lastError = status?.lastError
        dataUntil = status?.dataUntil.map(StoredTime.text)
        if let status, status.isFailing {
            state = "failing"
        } else if let age = ageSeconds {
            state = age > bound ? "stale" : "fresh"
        } else {
            state = "waiting"
        }
    }
}

struct SupplyChoiceView: Encodable {
    var group: String
    var windowStart: String
    var windowEnd: String
    var dso: String?
    var pricePerKwh: Decimal
    var exportPricePerKwh: Decimal?
    var currency: String
    var renewableShare: Double?
    var co2GramsPerKwh: Double?
    var energyMix: EnergyMix?
    var capW: Double
    var quality: String
    var reasons: [String]
    var plannedAt: String

    init(_ entry: SupplyPlanStore.Entry) {
        let choice = entry.choice
        group = choice.group
        windowStart = StoredTime.text(choice.window.start)
        windowEnd = StoredTime.text(choice.window.end)
        dso = choice.supplier
        pricePerKwh = choice.pricePerKWh
        exportPricePerKwh = choice.exportPricePerKWh
        currency = entry.currency
        renewableShare = choice.renewableShare
        co2GramsPerKwh = choice.carbonGramsPerKWh
        energyMix = entry.energyMix
        capW = choice.capW
        quality = choice.quality.rawValue
        reasons = choice.reasons
        plannedAt = StoredTime.text(entry.plannedAt)
    }
}

struct SupplyRequestBody: Decodable {
    var dso: String
    var group: String
    var start: String
    var end: String
    var capacityW: Double
    var reason: String?
}

struct SupplyRequestView: Encodable {
    var id: String
    var dso: String
    var group: String
    var start: String
    var end: String
    var capacityW: Double
    var reason: String
    var origin: String
    var state: String
    var outcome: String?
    var attempts: Int
    var nextAttemptAt: String
    var createdAt: String
    var updatedAt: String

    init(_ job: SupplyRequestJob) {
        id = job.id
        dso = job.request.dso
        group = job.request.group
        start = StoredTime.text(job.request.start)
        end = StoredTime.text(job.request.end)
        capacityW = job.request.capacityW
        reason = job.request.reason
        origin = job.origin
        state = job.state.rawValue
        outcome = job.outcome
        attempts = job.attempts
        nextAttemptAt = StoredTime.text(job.nextAttemptAt)
        createdAt = StoredTime.text(job.createdAt)
        updatedAt = StoredTime.text(job.updatedAt)
    }
}
