@testable import CPMS
import Foundation
import Testing

/// The portal's quick number writers give what their references give: `fixed` what printf's `%.Nf` writes,
/// `decimal` what `Decimal`'s own description does, for every value tried (ties, negatives, zero, large values).
@Suite
struct PortalFormatTests {
    @Test
    func fixedWritesWhatPrintfWrites() {
        var values: [Double] = [0, -0.0, 0.5, 1.5, 2.5, -0.5, 0.05, 0.15, 0.25, 0.125, 1.005, 999.95, 1e9, 1e12, -1e15, 4.35, 0.0004999, 12_345.678]
        values += (0..<20_000).map { Double($0) * 0.37 - 3700 }
        values += (0..<2_000).map { Double($0) / 8 }  // exact binary ties
        values += [.nan, .infinity, -.infinity, .ulpOfOne, .greatestFiniteMagnitude]
        for value in values {
            for places in 0...3 {
                #expect(PortalFormat.fixed(value, places: places) == String(format: "%.\(places)f", value), "\(value) to \(places) places")
            }
        }
    }

    @Test
    func decimalWritesWhatItsDescriptionWrites() throws {
        var values = try ["0", "0.1", "-0.1", "14.03125", "0.24125", "0.2", "12", "-3.456789", "0.00004", "0.00005", "-0.004", "99999999.995",
                          "1e20", "-1e25", "0.30", "1234567.8912", "0.005", "-0.005"].map { try #require(Decimal(string: $0)) }
        values += (0..<5_000).map { Decimal($0) / Decimal(7) - Decimal(300) }
        for value in values {
            for (places, atLeast) in [(2, 2), (4, 2), (0, 0), (3, 1)] {
                #expect(
                    PortalFormat.decimal(value, places: places, atLeast: atLeast) == PortalFormat.decimalText(value, places: places, atLeast: atLeast),
                    "\(value) to \(places) places")
            }
        }
    }
}
