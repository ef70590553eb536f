public import Foundation
public import OCPI
public import SQLKit

/// What an eMSP is owed when it becomes able to receive Locations or tariffs (it registers, or a credentials
/// update gives it the module's RECEIVER endpoint): a PUT of every Location and tariff as last pushed to every
/// eMSP (`ocpi_published`). Later pushes are differences from that copy, so the eMSP then holds what the others
/// hold, and the pushes that follow (with the same object keys, so in order after the PUTs) apply to objects it has.
///
/// Runs inside the registration's transaction. On PostgreSQL it first takes `ocpi_published` in SHARE mode: a
/// Location or tariff push under way (it writes that table, after reading the registered eMSPs) commits before
/// the copy is read, and one that starts later waits for the registration and then sees the new eMSP. So no
/// change falls between the copy and the eMSP's first difference. SQLite has one writer.
public struct OCPIPublicationCatchUp: Sendable {
    let party: CPOParty
    let kind: DatabaseKind

    public init(party: CPOParty, kind: DatabaseKind) {
        self.party = party
        self.kind = kind
    }

    /// Enqueues, for `emsp` only, a PUT of each published Location and tariff whose module it now has a RECEIVER
    /// endpoint for (in `now`) and had none for before (in `before`); returns how many. Call the queue's `wake()`
    /// once the transaction has committed.
    @discardableResult
    public func enqueue(for emsp: String, endpoints now: [Endpoint], before: [Endpoint], on connection: any SQLDatabase, at time: Date) async throws -> Int {
        func receives(_ module: ModuleID, _ endpoints: [Endpoint]) -> Bool {
            endpoints.contains { $0.identifier == module && $0.role == .receiver }
        }
        let modules = [ModuleID.locations, .tariffs].filter { receives($0, now) && !receives($0, before) }
        guard !modules.isEmpty else { return 0 }
        if kind == .postgres { try await connection.raw("LOCK TABLE ocpi_published IN SHARE MODE").run() }
        var pushes: [OCPIPush] = []
        for module in modules {
            let prefix = module == .locations ? "location/" : "tariff/"
            let rows = try await connection.select().columns("object_key", "ocpi_json").from("ocpi_published")
                .where("object_key", .like, prefix + "%").orderBy("object_key").all()
            for row in rows {
                let key = try row.decode(column: "object_key", as: String.self), json = try row.decode(column: "ocpi_json", as: String.self)
                // An empty copy is PostgreSQL's placeholder for a first push that was never stored.
                guard !json.isEmpty else { continue }
                let id = String(key.dropFirst(prefix.count))
                pushes.append(OCPIPush(
                    objectKey: key, method: .put, target: .module(module, path: [party.countryCode, party.partyID, id]), body: Data(json.utf8)))
            }
        }
        try await OCPIPushQueue.enqueue(pushes, for: [emsp], on: connection, at: time)
        return pushes.count
    }
}
