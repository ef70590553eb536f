import ArgumentParser
import Foundation
import Tariffs

/// `cpms tariff price TARIFF.json CDR.json`.
struct TariffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tariff", abstract: "OCPI 2.2.1 tariffs.", subcommands: [Price.self, List.self, Show.self, Create.self, Edit.self, Assign.self])

    struct Price: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Price the charging periods of an OCPI 2.2.1 CDR under an OCPI 2.2.1 tariff.",
            discussion: """
                Amounts are printed to 4 decimal places (OCPI's precision). Restrictions are evaluated in the \
                location's time zone: --time-zone, else the CDR's cdr_location.time_zone.
                """)

        @Argument(help: "The tariff, an OCPI 2.2.1 Tariff object (JSON).")
        var tariffFile: String

        @Argument(help: "The CDR, an OCPI 2.2.1 CDR object (JSON); only its times and charging_periods are used.")
        var cdrFile: String

        @Flag(help: "Print the cost as JSON.")
        var json = false

        @Option(help: ArgumentHelp("The location's IANA time zone, e.g. Europe/Amsterdam.", valueName: "zone"))
        var timeZone: String?

        func run() async throws {
            let tariff = try read(tariffFile) { data throws(OCPIJSONError) in try OCPIJSON.decodeTariff(data) }
            let cdr = try read(cdrFile) { data throws(OCPIJSONError) in try CDRChargingPeriods.decode(data) }
            guard let zoneName = timeZone ?? cdr.locationTimeZone else {
                throw fail("\(cdrFile): the CDR names no time zone (cdr_location.time_zone); give the location's with --time-zone")
            }
            guard let zone = TimeZone(identifier: zoneName) else {
                throw fail("--time-zone: unknown IANA time zone \"\(zoneName)\"")
            }
            for warning in Self.warnings(tariff, cdr) {
                FileHandle.standardError.write(Data("cpms: warning: \(warning)\n".utf8))
            }
            let cost: SessionCost
            do {
                cost = try PricingEngine.price(cdr.session(in: zone), under: tariff).rounded(toPlaces: 4)
            } catch {
                throw fail("\(cdrFile): \(error)")
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                print(String(decoding: try encoder.encode(cost), as: UTF8.self))
            } else {
                print(TariffPriceTable(cost: cost, tariff: tariff, zone: zoneName).text, terminator: "")
            }
        }

        private func read<T>(_ path: String, _ decode: (Data) throws(OCPIJSONError) -> T) throws -> T {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw fail("\(path): cannot read the file")
            }
            do {
                return try decode(data)
            } catch {
                throw fail("\(path): \(error)")
            }
        }

        static func warnings(_ tariff: Tariff, _ cdr: CDRChargingPeriods) -> [String] {
            var warnings: [String] = []
            if let start = tariff.startDateTime, cdr.startDateTime < start {
                warnings.append("the session started before the tariff's start_date_time \(start)")
            }
            if let end = tariff.endDateTime, cdr.startDateTime >= end {
                warnings.append("the session started after the tariff's end_date_time \(end)")
            }
            for (index, period) in cdr.chargingPeriods.enumerated() {
                if let id = period.tariffID, id != tariff.id {
                    warnings.append("charging_periods[\(index)] names tariff \"\(id)\", priced under \"\(tariff.id)\"")
                }
            }
            return warnings
        }
    }
}

/// The human-readable bill of `cpms tariff price`.
struct TariffPriceTable {
    let cost: SessionCost
    let tariff: Tariff
    let zone: String

    var text: String {
        var lines = ["Tariff \(tariff.id) (\(cost.currency)), time zone \(zone)", ""]
        lines.append(row("Dimension", "Volume", "Billed", "Excl. VAT", "Incl. VAT"))
        for dimension in cost.dimensions {
            let unit = Self.unit(dimension.dimension)
            lines.append(row(
                dimension.dimension.rawValue, Self.format(dimension.volume, 4) + unit, Self.format(dimension.billedVolume, 4) + unit,
                Self.format(dimension.cost.exclVAT, 4), Self.format(dimension.cost.inclVAT, 4)))
        }
        lines.append(row("Subtotal", "", "", Self.format(cost.subtotal.exclVAT, 4), Self.format(cost.subtotal.inclVAT, 4)))
        let note = cost.limitApplied.map { "  (\($0.rawValue) applied)" } ?? ""
        lines.append(row("Total", "", "", Self.format(cost.total.exclVAT, 4), Self.format(cost.total.inclVAT, 4)) + note)
        lines.append("")
        lines.append("Periods (tariff element index per dimension):")
        for period in cost.periods {
            let used = BilledDimension.allCases.compactMap { dimension in period.elements[dimension].map { "\(dimension.rawValue) \($0)" } }
            lines.append("  #\(period.index) \(period.localStart)  " + (used.isEmpty ? "no price" : used.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func row(_ name: String, _ volume: String, _ billed: String, _ excl: String, _ incl: String) -> String {
        Self.pad(name, 18, left: true) + Self.pad(volume, 16) + Self.pad(billed, 16) + Self.pad(excl, 14) + Self.pad(incl, 14)
    }

    private static func pad(_ text: String, _ width: Int, left: Bool = false) -> String {
        let spaces = String(repeating: " ", count: max(1, width - text.count))
        return left ? text + spaces : spaces + text
    }

    private static func unit(_ dimension: BilledDimension) -> String {
        switch dimension {
        case .flat: ""
        case .energy: " kWh"
        case .time, .parkingTime, .reservationTime: " h"
        }
    }

    /// `value` rounded half up to `places`, always showing them ("2.5000").
    static func format(_ value: Decimal, _ places: Int) -> String {
        var value = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        var text = "\(rounded)"
        if !text.contains(".") { text += "." }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
        return text + String(repeating: "0", count: max(0, places - decimals))
    }
}
