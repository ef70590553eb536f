import Foundation
import OCPI
import Testing

/// Every object of the module has a sample document, and each reads and writes back as the same JSON.
@Suite struct SampleRoundTripTests {
    @Test func everyObjectKindHasASample() {
        let covered = Set(SampleDocument.all.map(\.kind))
        let missing = OCPIObjectKind.allCases.filter { !covered.contains($0) }
        #expect(missing.isEmpty, "no sample for \(missing)")
    }

    @Test(arguments: SampleDocument.all)
    func sampleReadsAndWritesBackAsTheSameJSON(_ sample: SampleDocument) throws {
        let written = try sample.kind.normalized(sample.data)
        #expect(try JSONTree(written) == JSONTree(sample.data))
    }

    /// The ocpi fuzz target's seeds (Tests/Fuzz/Corpus/ocpi) are these samples, byte 0 naming their kind.
    @Test func fuzzSeedsAreTheSamplesUnderTheirKind() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fuzz/Corpus/ocpi")
        let seeds = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        #expect(seeds.count == SampleDocument.all.count)
        for seed in seeds {
            let bytes = try Data(contentsOf: seed)
            let kind = OCPIObjectKind.allCases[Int(try #require(bytes.first)) % OCPIObjectKind.allCases.count]
            #expect(seed.lastPathComponent.hasPrefix(kind.rawValue + "-"), "\(seed.lastPathComponent) is read as \(kind)")
            #expect(throws: Never.self) { try kind.normalized(bytes.dropFirst()) }
        }
    }

    @Test func locationSampleKeepsItsValues() throws {
        let sample = try #require(SampleDocument.named("Location-garage"))
        let location = try OCPICoding.decode(Location.self, from: sample.data)
        #expect(location.timeZone == "Europe/Berlin")
        #expect(location.evses?.count == 2)
        let evse = try #require(location.evses?.first)
        #expect(evse.status == .charging)
        #expect(evse.capabilities?.contains(.reservable) == true)
        #expect(evse.statusSchedule?.first?.status == .inoperative)
        #expect(evse.connectors.first?.standard == .iec62196T2)
        #expect(location.opening_hoursWeekdays == [1, 2, 3, 4, 5, 6, 7])
        #expect(location.energyMix?.energySources?.first?.percentage == Decimal(string: "35.5"))
    }

    @Test func cdrCarriesItsTariffAndExactMoney() throws {
        let sample = try #require(SampleDocument.named("Cdr-priced"))
        let cdr = try OCPICoding.decode(CDR.self, from: sample.data)
        #expect(cdr.totalCost.exclVAT == Decimal(string: "6.74"))
        #expect(cdr.totalCost.inclVAT == Decimal(string: "8.02"))
        #expect(cdr.tariffs?.first?.elements.first?.component(.energy)?.price == Decimal(string: "0.39"))
        #expect(cdr.cdrLocation.evseID == "DE*STM*E0001*1")
    }

    @Test func bookingSampleKeepsTheAddOnsFieldNames() throws {
        let sample = try #require(SampleDocument.named("Booking-reserved"))
        let booking = try OCPICoding.decode(Booking.self, from: sample.data)
        #expect(booking.reservationStatus == .reserved)
        #expect(booking.bookingTerms.rfidAuthRequired == false)
        #expect(booking.period.greenEnergySupport == true)
        let written = String(decoding: try OCPICoding.encode(booking), as: UTF8.self)
        #expect(written.contains("\"RFID_auth_required\":false"))
        #expect(written.contains("\"tariff_id\":[\"AC-STANDARD\"]"))
    }

    @Test func encodingLeavesAbsentFieldsOut() throws {
        let result = CommandResult(result: .accepted)
        #expect(String(decoding: try OCPICoding.encode(result), as: UTF8.self) == #"{"result":"ACCEPTED"}"#)
        let connector = Connector(
            id: "1", standard: .iec62196T2, format: .socket, powerType: .ac3Phase, maxVoltage: 230, maxAmperage: 16,
            lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 1_764_000_000)))
        let text = String(decoding: try OCPICoding.encode(connector), as: UTF8.self)
        #expect(text == #"{"format":"SOCKET","id":"1","last_updated":"2025-11-24T16:00:00Z","max_amperage":16,"max_voltage":230,"power_type":"AC_3_PHASE","standard":"IEC_62196_T2"}"#)
    }

    @Test func unknownFieldsAreIgnoredEverywhere() throws {
        for sample in SampleDocument.all {
            var tree = sample.tree
            for (path, value) in sample.tree.nodes.reversed() {
                guard case .object(var members) = value else { continue }
                members["x_vendor_extension"] = .object(["anything": .array([.number(1), .null])])
                tree = tree.replacing(path[...], with: .object(members))
            }
            guard case .object(var root) = tree else { continue }
            root["x_vendor_extension"] = .string("ignored")
            let written = try sample.kind.normalized(JSONTree.object(root).data)
            #expect(try JSONTree(written) == sample.tree, "\(sample)")
        }
    }
}

extension Location {
    fileprivate var opening_hoursWeekdays: [Int] { openingTimes?.regularHours?.map(\.weekday) ?? [] }
}
