public import EnergyManagement
import Foundation

/// What the CSMS sent the station to plan with (the grid cap profile and the price schedule), as kept in the
/// outbox file so that a station restarting while offline goes on with them.
public struct CentralInputs: Sendable, Hashable {
    public var gridCapSchedule: GridCapSchedule?
    public var priceSchedule: PriceSchedule?

    public init(gridCapSchedule: GridCapSchedule? = nil, priceSchedule: PriceSchedule? = nil) {
        self.gridCapSchedule = gridCapSchedule
        self.priceSchedule = priceSchedule
    }

    static let gridCapName = "grid_cap_profile"
    static let priceScheduleName = "price_schedule"

    /// The inputs in the outbox file; one that no longer decodes is left out (the CSMS sends it again).
    public static func load(from outbox: Outbox) async throws -> CentralInputs {
        let stored = try await outbox.centralInputs()
        let decoder = JSONDecoder()
        return CentralInputs(
            gridCapSchedule: stored[gridCapName].flatMap { try? decoder.decode(GridCapSchedule.self, from: Data($0.utf8)) },
            priceSchedule: stored[priceScheduleName].flatMap { try? decoder.decode(PriceSchedule.self, from: Data($0.utf8)) })
    }

    /// The outbox change that keeps `value` under `name`, or forgets it for nil.
    static func change(_ name: String, _ value: (some Encodable)?) -> Outbox.Change {
        guard let value, let data = try? JSONEncoder().encode(value) else { return .centralInput(name: name, value: nil) }
        return .centralInput(name: name, value: String(decoding: data, as: UTF8.self))
    }
}
