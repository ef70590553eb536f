import Foundation

/// The outcome of a load run: how many chargers took part and how fast and reliably they were answered.
public struct LoadReport: Sendable, Hashable, Codable {
    /// `1.6` or `2.0.1`.
    public var ocppVersion: String
    public var chargers: Int
    /// Chargers booted and still connected when the window closed.
    public var connected: Int
    /// The measured window, in seconds.
    public var durationSeconds: Double
    /// Calls answered within the window.
    public var messagesAnswered: Int
    public var messagesPerSecond: Double
    /// Nil when nothing was answered.
    public var latencyMs: LatencySummary?
    public var errors: Int

    public init(ocppVersion: String, chargers: Int, connected: Int, duration: Duration, statistics: LoadStatistics) {
        self.ocppVersion = ocppVersion
        self.chargers = chargers
        self.connected = connected
        durationSeconds = duration.inSeconds
        messagesAnswered = statistics.answered
        messagesPerSecond = durationSeconds > 0 ? Double(statistics.answered) / durationSeconds : 0
        latencyMs = statistics.latencySummary()
        errors = statistics.errors
    }

    enum CodingKeys: String, CodingKey {
        case ocppVersion = "ocpp_version"
        case chargers
        case connected
        case durationSeconds = "duration_s"
        case messagesAnswered = "messages_answered"
        case messagesPerSecond = "messages_per_s"
        case latencyMs = "latency_ms"
        case errors
    }

    /// The report as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The report as aligned lines for a person.
    public var lines: [String] {
        let latency = latencyMs
        func ms(_ value: Double?) -> String { value.map { String(format: "%.2f ms", $0) } ?? "-" }
        return [
            "chargers connected   \(connected) / \(chargers) (OCPP \(ocppVersion))",
            "window               \(String(format: "%.1f", durationSeconds)) s",
            "messages answered    \(messagesAnswered)",
            "messages/s           \(String(format: "%.1f", messagesPerSecond))",
            "latency p50          \(ms(latency?.p50))",
            "latency p99          \(ms(latency?.p99))",
            "latency max          \(ms(latency?.max))",
            "errors               \(errors)",
        ]
    }
}
