import Foundation

extension DSO {
    /// The first rule the DSO breaks, naming the field as its JSON does; nil when it is valid.
    public func validationError() -> SupplyValidationError? {
        func fail(_ field: String, _ problem: String) -> SupplyValidationError { SupplyValidationError(field: field, problem) }
        guard (1...36).contains(id.count), id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            return fail("id", "must be 1 to 36 of A-Z, a-z, 0-9, _ and -")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else { return fail("name", "must be 1 to 200 characters") }
        for (index, group) in contract.groups.enumerated() where !(1...48).contains(group.count) {
            return fail("contract.groups[\(index)]", "must be 1 to 48 characters")
        }
        if Set(contract.groups).count != contract.groups.count { return fail("contract.groups", "must not repeat a group") }
        guard contract.capacityW.isFinite, contract.capacityW >= 0 else { return fail("contract.capacityW", "must be 0 or more watts") }
        guard contract.currency.count == 3, contract.currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            return fail("contract.currency", "must be an ISO 4217 code such as EUR")
        }
        guard abs(contract.surchargePerKWh) <= 100_000 else { return fail("contract.surchargePerKWh", "must be within ±100000") }
        guard abs(contract.fallbackPricePerKWh) <= 100_000 else { return fail("contract.fallbackPricePerKWh", "must be within ±100000") }
        guard contract.forecastBoundSeconds.isFinite, contract.forecastBoundSeconds > 0 else {
            return fail("contract.forecastBoundSeconds", "must be more than 0 seconds")
        }
        if let carbon = contract.carbonGramsPerKWh, !(carbon.isFinite && carbon >= 0) { return fail("contract.carbonGramsPerKWh", "must be 0 or more") }
        var kinds: Set<String> = []
        for (index, feed) in feeds.enumerated() {
            let at = "feeds[\(index)]"
            guard kinds.insert(feed.kind).inserted else { return fail("\(at).kind", "\(feed.kind) is given twice; a DSO has one feed of each kind") }
            if let problem = feed.validationError(at: at) { return problem }
        }
        return nil
    }
}

extension SupplyFeedSettings {
    func validationError(at path: String) -> SupplyValidationError? {
        func fail(_ field: String, _ problem: String) -> SupplyValidationError { SupplyValidationError(field: "\(path).\(field)", problem) }
        func isHTTP(_ url: String) -> Bool {
            guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), components.host?.isEmpty == false else { return false }
            return scheme == "http" || scheme == "https"
        }
        func positive(_ value: Double) -> Bool { value.isFinite && value > 0 }
        switch self {
        case .openADR(let settings):
            guard isHTTP(settings.vtnURL) else { return fail("vtnURL", "must be an http(s) URL") }
            guard !settings.venName.isEmpty else { return fail("venName", "must not be empty") }
            guard positive(settings.pollIntervalSeconds) else { return fail("pollIntervalSeconds", "must be more than 0") }
            if (settings.clientCertificatePath == nil) != (settings.clientKeyPath == nil) {
                return fail("clientKeyPath", "and clientCertificatePath must be given together")
            }
        case .oscp(let settings):
            guard isHTTP(settings.capacityProviderURL) else { return fail("capacityProviderURL", "must be an http(s) URL") }
            guard !settings.registrationToken.isEmpty else { return fail("registrationToken", "must not be empty") }
            guard positive(settings.measurementIntervalSeconds) else { return fail("measurementIntervalSeconds", "must be more than 0") }
        case .entsoe(let settings):
            guard !settings.source.isEmpty else { return fail("source", "must be a URL or a file path") }
            guard positive(settings.refreshSeconds) else { return fail("refreshSeconds", "must be more than 0") }
        case .jsonFeed(let settings):
            guard !settings.source.isEmpty else { return fail("source", "must be a URL or a file path") }
            guard positive(settings.refreshSeconds) else { return fail("refreshSeconds", "must be more than 0") }
        case .timeOfUse(let settings):
            guard TimeZone(identifier: settings.timeZone) != nil else { return fail("timeZone", "must be an IANA time zone, got \"\(settings.timeZone)\"") }
            for (index, period) in settings.periods.enumerated() {
                guard Self.minutes(period.from, allows24: false) != nil else { return fail("periods[\(index)].from", "must be HH:MM") }
                guard Self.minutes(period.to, allows24: true) != nil else { return fail("periods[\(index)].to", "must be HH:MM (24:00 allowed)") }
                if let days = period.weekdays, !days.allSatisfy({ (1...7).contains($0) }) { return fail("periods[\(index)].weekdays", "must be 1 to 7") }
                guard abs(period.pricePerKWh) <= 100_000 else { return fail("periods[\(index)].pricePerKWh", "must be within ±100000") }
            }
        }
        return nil
    }

    private static func minutes(_ text: String, allows24: Bool) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...59).contains(minutes)
        else { return nil }
        if hours == 24, minutes == 0, allows24 { return 1440 }
        guard (0...23).contains(hours) else { return nil }
        return hours * 60 + minutes
    }
}
