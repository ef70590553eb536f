import Foundation
import OCPP
import Testing

@Suite struct OCPPDateTimeTests {
    static let origin = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    @Test(arguments: [
        ("2027-01-15T08:00:00Z", 0.0),
        ("2027-01-15T08:00:00.5Z", 0.5),
        ("2027-01-15T08:00:00.123456789Z", 0.123456789),
        ("2027-01-15T09:30:00+01:30", 0.0),
        ("2027-01-15T03:00:00-05:00", 0.0),
        ("2027-01-15t08:00:00z", 0.0),
    ])
    func parsesFractionsAndOffsets(_ text: String, _ offset: Double) throws {
        let date = try #require(OCPPDateTime.parse(text))
        #expect(abs(date.timeIntervalSince(Self.origin) - offset) < 1e-6)
    }

    @Test(arguments: [
        "2027-01-15T08:00:00", "2027-01-15 08:00:00Z", "2027-1-15T08:00:00Z", "2027-02-29T08:00:00Z",
        "2027-13-01T00:00:00Z", "2027-01-15T24:00:00Z", "2027-01-15T08:00:00.Z", "2027-01-15T08:00:00+0100",
        "2027-01-15T08:00:00Zjunk", "", "yesterday", "2027-01-15",
    ])
    func rejectsWhatIsNotRFC3339WithAnOffset(_ text: String) {
        #expect(OCPPDateTime.parse(text) == nil)
    }

    @Test func formatsUTCWithMillisecondsOnlyWhenThereAreAny() {
        #expect(OCPPDateTime.format(Self.origin) == "2027-01-15T08:00:00Z")
        #expect(OCPPDateTime.format(Self.origin.addingTimeInterval(0.25)) == "2027-01-15T08:00:00.250Z")
        #expect(OCPPDateTime.format(Self.origin.addingTimeInterval(0.0004)) == "2027-01-15T08:00:00Z")
        #expect(OCPPDateTime.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(OCPPDateTime.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59Z")
    }

    @Test(arguments: ["2000-02-29T12:00:00Z", "2100-03-01T00:00:00.001Z", "1999-12-31T23:59:59.999Z", "2027-01-15T08:00:00.250Z"])
    func roundTripsThroughDate(_ text: String) throws {
        #expect(OCPPDateTime.format(try #require(OCPPDateTime.parse(text))) == text)
    }
}
