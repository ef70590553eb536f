import Foundation
import Tariffs

/// A tariff in the list: its latest version.
struct TariffSummaryView: Encodable {
    let id: String
    let version: Int
    let validFrom: String
    let currency: String
    let elements: Int

    init(_ version: TariffVersion) {
        id = version.tariffID
        self.version = version.version
        validFrom = StoredTime.text(version.validFrom)
        currency = version.tariff.currency
        elements = version.tariff.elements.count
    }
}

/// One saved version, with the OCPI tariff as it was saved (its `last_updated` is the moment it was saved).
struct TariffVersionView: Encodable {
    let id: String
    let version: Int
    let validFrom: String
    let tariff: Tariff

    init(_ version: TariffVersion) {
        id = version.tariffID
        self.version = version.version
        validFrom = StoredTime.text(version.validFrom)
        tariff = version.tariff
    }
}

/// A tariff with every version, oldest first.
struct TariffDetailView: Encodable {
    let id: String
    let versions: [TariffVersionView]
}

/// An assignment just made.
struct AssignmentView: Encodable {
    let tariffId: String
    let station: String
    let evseId: Int?
    let connectorId: Int?
    let validFrom: String
}
