@_spi(Fuzzing) import CPMS
import Foundation

/// A Capacity Provider's POST to cpms's OSCP endpoints: byte 0 picks the endpoint (register, handshake, heartbeat,
/// update_group_capacity_forecast, group_capacity_compliance_error), the rest is the JSON body. It is read or
/// refused with a reason; what is read writes back as JSON that reads again and writes as the same bytes; a
/// forecast's capacities are finite and not negative.
enum OSCPFuzzing {
    static func run(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let messages = OSCPMessageReading.Message.allCases
        let message = messages[Int(selector) % messages.count]
        let reading: OSCPMessageReading.Reading
        do {
            reading = try OSCPMessageReading.read(message, Data(input.dropFirst()))
        } catch {
            precondition(!error.reason.isEmpty, "oscp: \(message.rawValue) refused without saying why")
            return
        }
        SupplyOracle.check(reading.intervals, target: "oscp")
        if let offlineAt = reading.offlineAt { precondition(offlineAt.timeIntervalSince1970.isFinite, "oscp: offline at \(offlineAt)") }
        guard let written = reading.written else { preconditionFailure("oscp: a \(message.rawValue) that was read cannot be written") }
        do {
            let again = try OSCPMessageReading.read(message, written)
            precondition(again.written == written, "oscp: \(message.rawValue) \(text(written)) writes again as \(again.written.map(text) ?? "nothing")")
            precondition(again.intervals == reading.intervals, "oscp: \(text(written)) reads again as other capacities")
        } catch {
            preconditionFailure("oscp: \(message.rawValue) was written as \(text(written)), which is refused: \(error.reason)")
        }
    }

    private static func text(_ data: Data) -> String { String(decoding: data.prefix(2000), as: UTF8.self) }
}
