import Foundation

/// The valid market documents of `Tests/CPMSTests/Supply/Samples` (also the seeds for fuzzing the readers), and
/// ENTSO-E documents built from the documented format for the cases the samples do not show.
enum MarketSamples {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Samples")

    static func data(_ name: String) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent(name))
    }

    static func time(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text) ?? Date(timeIntervalSince1970: 0)
    }

    /// One TimeSeries of an A44 document.
    struct Series {
        var zone: String? = "10Y1001A1001A82H"
        var currency: String? = "EUR"
        var unit: String? = "MWH"
        var curveType: String? = "A03"
        var sequence: String?
        var start = "2027-01-14T23:00Z"
        var end = "2027-01-15T23:00Z"
        var resolution = "PT60M"
        /// (position, price.amount) as written.
        var points: [(String, String)]

        var xml: String {
            var lines = ["<TimeSeries><mRID>1</mRID><businessType>A62</businessType>"]
            if let zone { lines.append("<in_Domain.mRID codingScheme=\"A01\">\(zone)</in_Domain.mRID><out_Domain.mRID codingScheme=\"A01\">\(zone)</out_Domain.mRID>") }
            if let currency { lines.append("<currency_Unit.name>\(currency)</currency_Unit.name>") }
            if let unit { lines.append("<price_Measure_Unit.name>\(unit)</price_Measure_Unit.name>") }
            if let curveType { lines.append("<curveType>\(curveType)</curveType>") }
            if let sequence { lines.append("<classificationSequence_AttributeInstanceComponent.position>\(sequence)</classificationSequence_AttributeInstanceComponent.position>") }
            lines.append("<Period><timeInterval><start>\(start)</start><end>\(end)</end></timeInterval><resolution>\(resolution)</resolution>")
            for (position, amount) in points {
                lines.append("<Point><position>\(position)</position><price.amount>\(amount)</price.amount></Point>")
            }
            lines.append("</Period></TimeSeries>")
            return lines.joined(separator: "\n")
        }
    }

    static func a44(_ series: [Series], type: String = "A44") -> Data {
        Data((
            """
            <?xml version="1.0" encoding="utf-8"?>
            <Publication_MarketDocument xmlns="urn:iec62325.351:tc57wg16:451-3:publicationdocument:7:3">
            <mRID>test-document</mRID><revisionNumber>2</revisionNumber><type>\(type)</type>
            <createdDateTime>2027-01-14T12:00:00Z</createdDateTime>
            """ + series.map(\.xml).joined(separator: "\n") + "\n</Publication_MarketDocument>\n").utf8)
    }

    /// (position, price) for positions 1...count, the price `base + position`.
    static func points(_ count: Int, base: Int = 100) -> [(String, String)] {
        (1...count).map { ("\($0)", "\(base + $0)") }
    }
}
