@testable import CPMS
import Foundation
import Testing

/// OSCP bodies as cpms reads them: what is accepted, and bad input refused with a reason naming the field.
@Suite
struct OSCPMessageTests {
    static func forecast(_ blocks: String, type: String = "CONSUMPTION") -> Data {
        Data(#"{"group_id": "g1", "type": "\#(type)", "forecasted_blocks": [\#(blocks)]}"#.utf8)
    }

    static let block = #"{"capacity": 16, "phase": "ALL", "unit": "A", "start_time": "2026-12-07T10:00:00Z", "end_time": "2026-12-07T10:15:00Z"}"#

    func reason<T: Decodable>(_ type: T.Type, _ data: Data) -> String? {
        do {
            _ = try OSCPCoding.decode(type, from: data)
            return nil
        } catch {
            return error.reason
        }
    }

    @Test func aCapacityForecastIsRead() throws {
        let forecast = try OSCPCoding.decode(OSCPGroupCapacityForecast.self, from: Self.forecast(Self.block))
        #expect(forecast.groupID == "g1")
        #expect(forecast.type == .consumption)
        let block = try #require(forecast.forecastedBlocks.first)
        #expect(block.capacity == 16 && block.phase == .all && block.unit == .amperes)
        #expect(block.startTime == OSCPDateTime.parse("2026-12-07T10:00:00Z"))
        #expect(block.endTime.timeIntervalSince(block.startTime) == 900)
    }

    @Test func aCapacityGivenAsANumericStringIsRead() throws {
        let text = Self.block.replacingOccurrences(of: #""capacity": 16"#, with: #""capacity": "11.5""#)
        let forecast = try OSCPCoding.decode(OSCPGroupCapacityForecast.self, from: Self.forecast(text))
        #expect(forecast.forecastedBlocks.first?.capacity == 11.5)
    }

    @Test(arguments: [
        (#""capacity": 16"#, #""capacity": -1"#, "forecasted_blocks[0].capacity"),
        (#""capacity": 16"#, #""capacity": "lots""#, "forecasted_blocks[0].capacity"),
        // 1e308 A on three phases was an infinite cap; 5e9 A is more than 1 TW.
        (#""capacity": 16"#, #""capacity": 1e308"#, "forecasted_blocks[0].capacity"),
        (#""capacity": 16"#, #""capacity": 5e9"#, "forecasted_blocks[0].capacity"),
        (#""capacity": 16, "#, "", "forecasted_blocks[0].capacity"),
        (#""unit": "A""#, #""unit": "EUR""#, "forecasted_blocks[0].unit"),
        (#""phase": "ALL""#, #""phase": "FOUR""#, "forecasted_blocks[0].phase"),
        (#""start_time": "2026-12-07T10:00:00Z""#, #""start_time": "tomorrow""#, "forecasted_blocks[0].start_time"),
        (#""end_time": "2026-12-07T10:15:00Z""#, #""end_time": "2026-12-07T09:00:00Z""#, "forecasted_blocks[0].end_time"),
    ])
    func aBadBlockIsRefusedNamingTheField(original: String, replacement: String, field: String) throws {
        let text = Self.block.replacingOccurrences(of: original, with: replacement)
        #expect(text != Self.block)
        let refusal = try #require(reason(OSCPGroupCapacityForecast.self, Self.forecast(text)))
        #expect(refusal.contains(field), "\(refusal)")
    }

    @Test func aForecastWithoutGroupOrWithAnUnknownTypeIsRefused() throws {
        #expect(reason(OSCPGroupCapacityForecast.self, Data(#"{"type": "CONSUMPTION", "forecasted_blocks": []}"#.utf8))?.contains("group_id") == true)
        #expect(reason(OSCPGroupCapacityForecast.self, Self.forecast(Self.block, type: "MAXIMUM"))?.contains("type") == true)
        #expect(reason(OSCPGroupCapacityForecast.self, Data("not json".utf8)) != nil)
        #expect(reason(OSCPGroupCapacityForecast.self, Data(#"{"group_id": "g", "type": "CONSUMPTION", "forecasted_blocks": {}}"#.utf8))?.contains("forecasted_blocks") == true)
    }

    @Test func registerAndHandshakeBodiesAreRead() throws {
        let register = try OSCPCoding.decode(
            OSCPRegister.self, from: Data(#"{"token": "C", "version_url": [{"version": "1.0", "base_url": "http://a"}, {"version": "2.0", "base_url": "http://cp/oscp/cp/2.0"}]}"#.utf8))
        #expect(register.baseURL20 == "http://cp/oscp/cp/2.0")
        #expect(reason(OSCPRegister.self, Data(#"{"version_url": []}"#.utf8))?.contains("token") == true)
        let handshake = try OSCPCoding.decode(OSCPHandshake.self, from: Data(#"{"required_behaviour": {"heartbeat_interval": 30}}"#.utf8))
        #expect(handshake.requiredBehaviour.heartbeatInterval == 30)
        #expect(reason(OSCPHandshake.self, Data("{}".utf8))?.contains("required_behaviour") == true)
    }

    @Test func offlineModeAtIsReadAsRFC3339AndAsPyoscpsFormatInUTC() throws {
        let expected = try #require(OSCPDateTime.parse("2026-12-07T10:00:05Z"))
        #expect(OSCPDateTime.parse("2026-12-07 10:00:05") == expected)
        #expect(OSCPDateTime.parse("2026-12-07T10:00:05") == expected)
        #expect(OSCPDateTime.parse("2026-12-07T12:00:05+02:00") == expected)
        #expect(OSCPDateTime.parse("2026-12-07") == nil)
        #expect(OSCPDateTime.parse("2026-13-07 10:00:05") == nil)
        #expect(OSCPDateTime.parse("") == nil)
        #expect(OSCPDateTime.formatWithoutOffset(expected.addingTimeInterval(0.7)) == "2026-12-07 10:00:05")
        #expect(OSCPDateTime.format(expected) == "2026-12-07T10:00:05Z")
    }

    @Test func anAdjustRequestIsWrittenAsTheSpecificationSays() throws {
        let start = try #require(OSCPDateTime.parse("2026-12-07T18:00:00Z"))
        let forecast = OSCPGroupCapacityForecast(
            groupID: "grid-7", type: .consumption,
            forecastedBlocks: [OSCPForecastedBlock(capacity: 50_000, phase: .all, unit: .watts, startTime: start, endTime: start.addingTimeInterval(3600))])
        let object = try #require(try JSONSerialization.jsonObject(with: try OSCPCoding.encode(forecast)) as? [String: Any])
        #expect(object["group_id"] as? String == "grid-7")
        #expect(object["type"] as? String == "CONSUMPTION")
        let block = try #require((object["forecasted_blocks"] as? [[String: Any]])?.first)
        #expect(block["capacity"] as? Double == 50_000)
        #expect(block["unit"] as? String == "W")
        #expect(block["phase"] as? String == "ALL")
        #expect(block["start_time"] as? String == "2026-12-07T18:00:00Z")
        #expect(block["end_time"] as? String == "2026-12-07T19:00:00Z")
    }
}
