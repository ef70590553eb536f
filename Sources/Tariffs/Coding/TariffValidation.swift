import Foundation

/// The rules of an OCPI 2.2.1 Tariff that its JSON types alone do not enforce.
public enum TariffValidation {
    public static func validate(_ tariff: Tariff) throws(OCPIJSONError) {
        try check(tariff.countryCode.count == 2, "country_code", "must be 2 characters (ISO 3166 alpha-2)")
        try check((1...3).contains(tariff.partyID.count), "party_id", "must be 1 to 3 characters")
        try check((1...36).contains(tariff.id.count), "id", "must be 1 to 36 characters")
        try check(
            tariff.currency.count == 3 && tariff.currency.allSatisfy { $0.isASCII && $0.isLetter }, "currency",
            "must be a 3-letter ISO 4217 code")
        try check(!tariff.elements.isEmpty, "elements", "must hold at least one element")
        if let url = tariff.tariffAltURL { try check(url.count <= 255, "tariff_alt_url", "longer than 255 characters") }
        for (name, price) in [("min_price", tariff.minPrice), ("max_price", tariff.maxPrice)] {
            guard let price else { continue }
            try check(price.exclVAT >= 0, "\(name).excl_vat", "must not be negative")
            if let incl = price.inclVAT { try check(incl >= 0, "\(name).incl_vat", "must not be negative") }
        }
        if let start = tariff.startDateTime, let end = tariff.endDateTime {
            try check(start < end, "end_date_time", "must be after start_date_time")
        }
        for (index, element) in tariff.elements.enumerated() {
            try validate(element, at: "elements[\(index)]")
        }
    }

    private static func validate(_ element: TariffElement, at path: String) throws(OCPIJSONError) {
        try check(!element.priceComponents.isEmpty, "\(path).price_components", "must hold at least one price component")
        for (index, component) in element.priceComponents.enumerated() {
            let at = "\(path).price_components[\(index)]"
            try check(component.stepSize >= 0, "\(at).step_size", "must not be negative")
            try check(component.price >= 0, "\(at).price", "must not be negative")
            if let vat = component.vat { try check(vat >= 0, "\(at).vat", "must not be negative") }
        }
        guard let restrictions = element.restrictions else { return }
        let at = "\(path).restrictions"
        if let start = restrictions.startDate, let end = restrictions.endDate {
            try check(start < end, "\(at).end_date", "must be after start_date (end_date is exclusive)")
        }
        for (name, value) in [
            ("min_kwh", restrictions.minKWh), ("max_kwh", restrictions.maxKWh), ("min_current", restrictions.minCurrent),
            ("max_current", restrictions.maxCurrent), ("min_power", restrictions.minPower), ("max_power", restrictions.maxPower),
        ] {
            if let value { try check(value >= 0, "\(at).\(name)", "must not be negative") }
        }
        for (name, value) in [("min_duration", restrictions.minDuration), ("max_duration", restrictions.maxDuration)] {
            if let value { try check(value >= 0, "\(at).\(name)", "must not be negative") }
        }
        if restrictions.reservation != nil {
            for (index, component) in element.priceComponents.enumerated() {
                try check(
                    component.type == .flat || component.type == .time, "\(path).price_components[\(index)].type",
                    "an element with a reservation restriction may only have FLAT and TIME components")
            }
        }
    }

    private static func check(_ condition: Bool, _ field: String, _ message: String) throws(OCPIJSONError) {
        if !condition { throw OCPIJSONError(field: field, message: message) }
    }
}
