@testable import CPMS
import OCPP
import Testing

struct TokenListTests {
    @Test func everyTokenIsAcceptedWithoutAListAndOnlyListedOnesWithIt() {
        #expect(StationConnection.verdict(for: "ANY", tokens: nil) == .accepted)
        #expect(StationConnection.verdict(for: "TAG-1", tokens: ["TAG-1"]) == .accepted)
        #expect(StationConnection.verdict(for: "TAG-2", tokens: ["TAG-1"]) == .invalid)
    }
}
