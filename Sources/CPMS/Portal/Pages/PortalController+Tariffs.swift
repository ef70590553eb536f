import Foundation
import Hummingbird
import Tariffs

/// `/portal/tariffs` and `/portal/tariffs/{id}`: every tariff with its current prices, restrictions, energy mix,
/// where it applies, its versions and the push status per eMSP; admins edit the current version's prices.
///
/// A saved edit goes through the same logic as `PUT /api/tariffs/{id}`: `TariffStore.edit` adds the next
/// version (with the audit entry in its transaction), then `TariffPushes` queues it for every eMSP.
extension PortalController {
    struct TariffsView: Sendable {
        let tariffs: [TariffPage.Row]
    }

    func tariffsPage(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        let store = TariffStore(database: database)
        var rows: [TariffPage.Row] = []
        for version in try await store.latestVersions() {
            let targets = try await store.targets(of: version.tariffID)
            rows.append(TariffPage.Row(
                id: version.tariffID, href: TariffPage.href(version.tariffID), currency: version.tariff.currency,
                type: version.tariff.type?.rawValue ?? "any session", version: version.version,
                validFrom: PortalFormat.dateTime(version.validFrom), prices: TariffPage.prices(version.tariff),
                assigned: targets.isEmpty ? "not assigned" : targets.map(\.description).joined(separator: ", ")))
        }
        return try renderer.page(
            "tariffs",
            PortalPageContext(
                title: "Tariffs", chrome: chrome(session, current: "/portal/tariffs"), notice: nil, scripts: [],
                content: TariffsView(tariffs: rows)))
    }

    func tariffPage(_ id: String, _ request: Request, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        let query = PortalForm(encoded: request.uri.query ?? "")
        let notice: PortalNotice? = query["saved"].map { .ok("Saved as version \($0) and queued for every eMSP.") }
            ?? query["unchanged"].map { _ in .ok("Nothing was changed: the prices are as they were.") }
        return try await tariffView(id, session: session, typed: [:], errors: [:], notice: notice, status: .ok)
    }

    /// "Save Changes": every price checked first; a bad one is explained next to its field and nothing is saved.
    func saveTariffPrices(_ id: String, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        let store = TariffStore(database: database)
        guard let current = try await store.versions(of: id).last else { throw HTTPError(.notFound, message: "There is no tariff \(id).") }
        let typed = call.form.fields
        guard let expected = call.form["version"].flatMap(Int.init), expected == current.version else {
            return try await tariffView(
                id, session: session, typed: [:], errors: [:],
                notice: .error("Nothing was saved: the tariff was changed by someone else meanwhile (now version \(current.version)). Check the prices below and save again."),
                status: .conflict)
        }
        switch TariffPriceEdit.apply({ call.form[$0] }, to: current.tariff) {
        case .refused(let problems):
            return try await tariffView(
                id, session: session, typed: typed, errors: problems,
                notice: .error("Nothing was saved: see the fields below."), status: .unprocessableContent)
        case .edited(_, changed: false):
            return Self.redirect(to: TariffPage.href(id) + "?unchanged=1")
        case .edited(let tariff, changed: true):
            let actor = try call.actor
            let audit = self.audit
            let time = clock.wallTime
            let before = AuditedPrices(current)
            let version: TariffVersion
            do {
                version = try await store.edit(tariff, at: time, expecting: current.version) { version, connection in
                    try await audit.record(
                        actor: actor, action: "tariff.update", target: "tariff:\(id)", before: before, after: AuditedPrices(version), at: time,
                        on: connection)
                }
            } catch TariffStoreError.staleVersion(_, let latest) {
                return try await tariffView(
                    id, session: session, typed: [:], errors: [:],
                    notice: .error("Nothing was saved: the tariff was changed by someone else meanwhile (now version \(latest)). Check the prices below and save again."),
                    status: .conflict)
            }
            await tariffPushes?.tariffChanged(id)
            logger.notice("portal: \(session.user) saved tariff \(id) version \(version.version)")
            return Self.redirect(to: TariffPage.href(id) + "?saved=\(version.version)")
        }
    }

    /// What the audit log keeps of a price edit: the version and each component's price.
    struct AuditedPrices: Sendable, Encodable {
        struct Component: Sendable, Encodable {
            let element: Int
            let type: String
            let price: String
        }

        let version: Int
        let currency: String
        let prices: [Component]

        init(_ version: TariffVersion) {
            self.version = version.version
            currency = version.tariff.currency
            prices = version.tariff.elements.enumerated().flatMap { e, element in
                element.priceComponents.map { Component(element: e, type: $0.type.rawValue, price: TariffPage.number($0.price)) }
            }
        }
    }

    private func tariffView(
        _ id: String, session: PortalSession, typed: [String: String], errors: [String: String], notice: PortalNotice?, status: HTTPResponse.Status
    ) async throws -> Response {
        let store = TariffStore(database: database)
        let versions = try await store.versions(of: id)
        guard let current = versions.last else { throw HTTPError(.notFound, message: "There is no tariff \(id).") }
        let tariff = current.tariff
        let now = clock.wallTime
        let parties = try await OCPIPartyStore(database: database).all()
        let pushes = try await TariffPushStatus.read(tariffID: id, parties: parties, database: database)
        let elements = tariff.elements.enumerated().map { e, element in
            TariffPage.Element(
                number: e + 1, restrictions: TariffPage.restrictions(element.restrictions),
                hasRestrictions: !TariffPage.restrictions(element.restrictions).isEmpty,
                components: element.priceComponents.enumerated().map { c, component in
                    let field = TariffPriceEdit.field(e, c)
                    return TariffPage.Component(
                        field: field, type: component.type.rawValue, label: TariffPage.label(component.type),
                        price: typed[field] ?? TariffPage.number(component.price), unit: TariffPage.unit(component.type, currency: tariff.currency),
                        vat: component.vat.map { "\(TariffPage.number($0)) %" } ?? "none", step: TariffPage.step(component), error: errors[field])
                })
        }
        let minMax = [tariff.minPrice.map { "at least \(TariffPage.number($0.exclVAT)) \(tariff.currency)" },
                      tariff.maxPrice.map { "at most \(TariffPage.number($0.exclVAT)) \(tariff.currency)" }].compactMap { $0 }
        let assigned = try await store.targets(of: id).map(\.description)
        let detail = TariffPage.Detail(
            id: id, href: TariffPage.href(id), currency: tariff.currency, type: tariff.type?.rawValue ?? "any session",
            altText: tariff.tariffAltText?.first?.text, version: current.version, nextVersion: current.version + 1, validFrom: PortalFormat.dateTime(current.validFrom),
            minMax: minMax.isEmpty ? nil : "Per session " + minMax.joined(separator: ", ") + " (excl. VAT)",
            canEdit: session.role.may(.editTariffs), csrf: session.csrfToken, formError: errors["tariff"], elements: elements,
            energyMix: TariffPage.mix(tariff.energyMix),
            assigned: assigned, hasAssigned: !assigned.isEmpty,
            pushes: pushes.map { TariffPage.push($0, now: now) },
            versions: versions.reversed().map {
                TariffPage.Version(
                    number: $0.version, validFrom: PortalFormat.dateTime($0.validFrom), current: $0.version == current.version,
                    prices: TariffPage.prices($0.tariff))
            })
        return try renderer.page(
            "tariff",
            PortalPageContext(
                title: "Tariff \(id)", chrome: chrome(session, current: "/portal/tariffs"), notice: notice, scripts: [], content: detail),
            status: status)
    }
}
