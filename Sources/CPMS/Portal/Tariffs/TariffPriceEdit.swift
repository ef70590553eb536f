import Foundation
import Tariffs

/// The Tariffs page's price form: one field per price component of the version being edited
/// (`price-E-C`, element E, component C), read and checked before anything is saved.
struct TariffPriceEdit: Sendable, Equatable {
    /// The field name of element `element`'s component `component`.
    static func field(_ element: Int, _ component: Int) -> String { "price-\(element)-\(component)" }

    /// OCPI numbers carry at most 4 decimals.
    static let maxDecimals = 4
    static let maxPrice: Decimal = 1_000_000

    /// A price as typed: a plain decimal number with a dot, not negative, at most 4 decimals; else why not.
    static func price(_ text: String?) -> Result<Decimal, PriceProblem> {
        let text = (text ?? "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .failure(PriceProblem("enter a price (0 for free)")) }
        if text.hasPrefix("-") { return .failure(PriceProblem("must not be negative")) }
        if text.contains(","), !text.contains(".") { return .failure(PriceProblem("use a dot as the decimal separator, e.g. 0.35")) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit),
              parts.count == 1 || (!parts[1].isEmpty && parts[1].allSatisfy(\.isASCIIDigit))
        else { return .failure(PriceProblem("not a number: write it like 0.35")) }
        if parts.count == 2, parts[1].count > maxDecimals { return .failure(PriceProblem("at most \(maxDecimals) decimals")) }
        guard whole.count <= 7, let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            return .failure(PriceProblem("too large: at most \(maxPrice)"))
        }
        guard value <= maxPrice else { return .failure(PriceProblem("too large: at most \(maxPrice)")) }
        return .success(value)
    }

    struct PriceProblem: Error, Sendable, Equatable {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The outcome of reading the form against `tariff`: the edited tariff, or a problem per field (and
    /// nothing changed). `changed` is false when every price is as it was.
    enum Outcome: Sendable, Equatable {
        case edited(Tariff, changed: Bool)
        case refused([String: String])
    }

    static func apply(_ fields: (String) -> String?, to tariff: Tariff) -> Outcome {
        var edited = tariff
        var problems: [String: String] = [:]
        for (e, element) in tariff.elements.enumerated() {
            for (c, _) in element.priceComponents.enumerated() {
                let name = field(e, c)
                switch price(fields(name)) {
                case .success(let value): edited.elements[e].priceComponents[c].price = value
                case .failure(let problem): problems[name] = problem.text
                }
            }
        }
        guard problems.isEmpty else { return .refused(problems) }
        do {
            try TariffValidation.validate(edited)
        } catch {
            return .refused(["tariff": "\(error)"])
        }
        return .edited(edited, changed: edited != tariff)
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
