public import Foundation
public import OCPI

/// One call cpms owes an eMSP's Locations receiver: `method` on `{locations URL}/{country_code}/{party_id}/{path...}`
/// with `body` (OCPI JSON).
public struct LocationPush: Sendable, Equatable {
    public enum Method: String, Sendable { case put = "PUT", patch = "PATCH" }
    public var method: Method
    /// Location id, then EVSE uid, then connector id, as far as the object goes.
    public var path: [String]
    public var body: Data
}

/// What a change of a published Location costs in calls to an eMSP (OCPI 2.2.1 mod_locations, Receiver): pure,
/// from the Location as published before and after. Meant for the push queue that is not built yet.
///
/// A new Location, or a change of its own fields (details, time zone...), is a PUT of the whole Location. A new
/// EVSE, an EVSE whose connectors were added or removed, or one that lost a field, is a PUT of the EVSE. Otherwise
/// changed EVSE fields (status, status_schedule...) are one PATCH of the EVSE with those fields and
/// `last_updated`, and changed connector fields (tariff_ids...) one PATCH of the connector. An EVSE that is no
/// longer published (or a Location that is not: OCPI cannot delete one) is PATCHed to status REMOVED.
public enum LocationChanges {
    public static func pushes(from before: Location?, to after: Location?, at now: Date) throws -> [LocationPush] {
        guard let after else {
            guard let before else { return [] }
            return try (before.evses ?? []).filter { $0.status != .removed }.map { try removal(before.id, $0.uid, at: OCPIDateTime(now)) }
        }
        let whole = try object(after)
        guard let before else { return [LocationPush(method: .put, path: [after.id], body: try data(whole))] }
        let old = try object(before)
        if ownFieldsDiffer(old, whole, except: ["evses", "last_updated"]) { return [LocationPush(method: .put, path: [after.id], body: try data(whole))] }
        var pushes: [LocationPush] = []
        let oldEVSEs = Dictionary((before.evses ?? []).map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        for evse in after.evses ?? [] {
            guard let previous = oldEVSEs[evse.uid] else {
                pushes.append(LocationPush(method: .put, path: [after.id, evse.uid], body: try data(try object(evse))))
                continue
            }
            pushes += try evsePushes(location: after.id, from: previous, to: evse)
        }
        let kept = Set((after.evses ?? []).map(\.uid))
        for evse in before.evses ?? [] where !kept.contains(evse.uid) && evse.status != .removed {
            pushes.append(try removal(after.id, evse.uid, at: after.lastUpdated))
        }
        return pushes
    }

    static func evsePushes(location: String, from before: EVSE, to after: EVSE) throws -> [LocationPush] {
        let old = try object(before), new = try object(after)
        let putEVSE = LocationPush(method: .put, path: [location, after.uid], body: try data(new))
        guard before.connectors.map(\.id) == after.connectors.map(\.id) else { return [putEVSE] }
        guard let changed = changedFields(old, new, except: ["connectors", "last_updated"]) else { return [putEVSE] }
        var pushes: [LocationPush] = []
        if !changed.isEmpty {
            pushes.append(LocationPush(method: .patch, path: [location, after.uid], body: try data(changed.merging(["last_updated": new["last_updated"] as Any]) { $1 })))
        }
        for (previous, connector) in zip(before.connectors, after.connectors) {
            let oldConnector = try object(previous), newConnector = try object(connector)
            guard let fields = changedFields(oldConnector, newConnector, except: ["last_updated"]) else { return [putEVSE] }
            if !fields.isEmpty {
                pushes.append(LocationPush(
                    method: .patch, path: [location, after.uid, connector.id],
                    body: try data(fields.merging(["last_updated": newConnector["last_updated"] as Any]) { $1 })))
            }
        }
        return pushes
    }

    static func removal(_ location: String, _ uid: String, at time: OCPIDateTime) throws -> LocationPush {
        LocationPush(method: .patch, path: [location, uid], body: try data(["status": EVSEStatus.removed.rawValue, "last_updated": time.description]))
    }

    /// The fields of `new` that differ from `old`; nil when a field was dropped (a PATCH cannot say that).
    static func changedFields(_ old: [String: Any], _ new: [String: Any], except ignored: Set<String>) -> [String: Any]? {
        guard Set(old.keys).subtracting(ignored).isSubset(of: Set(new.keys)) else { return nil }
        var changed: [String: Any] = [:]
        for (key, value) in new where !ignored.contains(key) {
            if let previous = old[key], same(previous, value) { continue }
            changed[key] = value
        }
        return changed
    }

    /// Equal JSON values: written the same way with sorted keys.
    static func same(_ left: Any, _ right: Any) -> Bool {
        let options: JSONSerialization.WritingOptions = [.sortedKeys]
        guard let left = try? JSONSerialization.data(withJSONObject: [left], options: options),
            let right = try? JSONSerialization.data(withJSONObject: [right], options: options)
        else { return false }
        return left == right
    }

    static func ownFieldsDiffer(_ old: [String: Any], _ new: [String: Any], except ignored: Set<String>) -> Bool {
        guard let changed = changedFields(old, new, except: ignored) else { return true }
        return !changed.isEmpty
    }

    static func object(_ value: some Encodable) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: try OCPICoding.encode(value)) as? [String: Any] else {
            throw LocationChangesError(message: "an OCPI object did not encode as a JSON object")
        }
        return object
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    }
}

struct LocationChangesError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
