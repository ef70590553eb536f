import Foundation
import Hummingbird
import OCPI

/// The Tariffs module as Sender (OCPI 2.2.1 mod_tariffs, CPO side): the version in force of every tariff, paged,
/// with `last_updated` = the version's valid_from and cpms's own country code and party id. `GET .../tariffs/{id}`
/// (one tariff) is cpms's addition; OCPI 2.2.1's Sender interface has only the list.
struct TariffsModule: OCPIModule {
    let store: TariffStore
    let party: CPOParty
    let settings: OCPISettings
    let pageLimit: Int

    var identifier: ModuleID { .tariffs }
    var role: InterfaceRole { .sender }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            return try OCPIPagedReply.page(
                try await tariffs(at: context.receivedAt), lastUpdated: { $0.lastUpdated.date }, pagination: pagination,
                url: settings.moduleURL(identifier), context: context)
        }
        group.get(":tariff_id") { _, context in
            let id = try OCPIPagedReply.parameter("tariff_id", context)
            let matches = try await tariffs(at: context.receivedAt).filter { $0.id.caseInsensitiveCompare(id) == .orderedSame }
            guard let tariff = matches.first(where: { $0.id == id }) ?? (matches.count == 1 ? matches.first : nil) else {
                throw OCPIError.notFound("unknown tariff \(id)")
            }
            return try OCPIReply.success(tariff, context: context)
        }
    }

    /// The published tariffs by id: each one's latest version that is in force at `now`.
    func tariffs(at now: Date) async throws -> [Tariff] {
        Self.published(try await store.latestVersions(), party: party, at: now)
    }

    /// The tariffs `versions` publish at `now`, as OCPI serves them.
    static func published(_ versions: [TariffVersion], party: CPOParty, at now: Date) -> [Tariff] {
        versions.filter { $0.validFrom <= now }.map { version in
            var tariff = version.tariff
            tariff.countryCode = party.countryCode
            tariff.partyID = party.partyID
            tariff.lastUpdated = OCPIDateTime(version.validFrom)
            return tariff
        }
    }
}
