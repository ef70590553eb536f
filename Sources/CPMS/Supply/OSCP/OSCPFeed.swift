import Foundation
import SQLKit

/// cpms as the OSCP 2.0 Flexibility Provider of a DSO's Capacity Provider: registers, handshakes, sends
/// heartbeats and group measurements while it runs; the CP's forecasts arrive at `/oscp/fp/2.0` and are
/// handed to the sink. Supply requests become AdjustGroupCapacityForecast.
public struct OSCPFeed: SupplyFeed, SupplyRequester {
    let session: OSCPSession
    let directory: OSCPFeedDirectory

    /// `members` names a cpms station group's stations (whose grid meters make its measurements); by default
    /// the members of the defined group, else the station of the same name.
    public init(
        dso: DSO, settings: OSCPFeedSettings, context: SupplyFeedContext,
        members: (@Sendable (String) async -> [String])? = nil
    ) {
        let database = context.database
        session = OSCPSession(
            dso: dso, settings: settings, context: context,
            members: members ?? { group in
                // A defined group's members; a station in no group is a group of its own, named after it.
                if let defined = try? await SupplyGroupStore(database: database).all().first(where: { $0.id == group }) {
                    return defined.members.map(\.station)
                }
                let rows = try? await database.withConnection { connection in
                    try await connection.select().column("id").from("stations").where("id", .equal, group).all()
                }
                return (rows ?? []).compactMap { try? $0.decode(column: "id", as: String.self) }
            })
        directory = context.oscpFeeds
    }

    public func run(sink: any ForecastSink) async {
        await directory.add(session, dso: session.dso.id)
        await session.run(sink: sink)
        await directory.remove(dso: session.dso.id, session)
    }

    public func request(_ request: SupplyRequest) async -> SupplyRequestOutcome {
        await session.request(request)
    }
}
