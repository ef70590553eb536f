import ArgumentParser
import Foundation
import StationAPI

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the station: sockets, grid, battery and the last decision.")

    @OptionGroup var api: APIOptions

    @Flag(help: "Refresh every second until interrupted.")
    var watch = false

    func validate() throws {
        if watch && api.json { throw ValidationError("--watch shows a table; leave out --json") }
    }

    func run() async throws {
        guard watch else {
            let (status, raw) = try await api.client.status()
            print(api.json ? String(decoding: raw, as: UTF8.self) : StatusRendering.render(status))
            return
        }
        while !Task.isCancelled {
            let screen: String
            do {
                screen = StatusRendering.render(try await api.client.status().0)
            } catch {
                screen = "waiting for stationd at \(api.api): \(error)"
            }
            // Home the cursor and clear the screen, then draw.
            print("\u{1B}[H\u{1B}[2J" + screen + "\n\n(Ctrl-C to stop)")
            try await Task.sleep(for: .seconds(1))
        }
    }
}

/// The status document as a technician reads it.
enum StatusRendering {
    static func render(_ s: StationStatusDocument) -> String {
        var lines: [String] = []
        lines.append("Station \(s.stationId)   cycle \(s.cycle) every \(s.periodMs) ms   up \(duration(s.uptimeSeconds))   mode \(s.mode ?? "-")")
        let grid = s.grid.powerW.map { kw($0) } ?? "-"
        lines.append("Grid     \(grid) of \(kw(s.grid.capW)) cap   \(data(s.grid.data))")
        if let b = s.battery {
            let soc = b.socPct.map { String(format: "%.1f %%", $0) } ?? "-"
            let power = b.powerW.map { kw($0) } ?? "-"
            lines.append("Battery  SoC \(soc)   power \(power)   setpoint \(kw(b.setpointW)) (+ discharge)   \(data(b.data))")
        }
        if let uplink = s.uplink {
            lines.append("CSMS     \(uplink.connected ? "connected" : "offline")   \(uplink.queued) messages queued")
            if let outbox = uplink.outbox { lines.append("Outbox   " + Self.outbox(outbox)) }
        }
        lines.append("")
        lines.append(Table(
            headers: ["socket", "status", "pilot", "offered", "power", "session", "energy", "availability"],
            rows: s.sockets.map { socket in
                [
                    String(socket.id), socket.status, socket.pilot ?? "-", String(format: "%.0f A", socket.offeredA),
                    socket.powerW.map { kw($0) } ?? "-", socket.session?.idTag ?? (socket.session == nil ? "-" : "free"),
                    socket.session.map { String(format: "%.2f kWh", $0.energyWh / 1000) } ?? "-",
                    socket.enabled ? "enabled" : socket.disabledBy.map { "off: \($0.source) \($0.actor): \($0.reason)" }.joined(separator: "; "),
                ]
            }
        ).rendered)
        if !s.reasons.isEmpty {
            lines.append("")
            lines.append("Why:")
            lines += s.reasons.map { "  - \($0.message)" }
        }
        return lines.joined(separator: "\n")
    }

    static func outbox(_ o: StationStatusDocument.Outbox) -> String {
        var parts: [String] = []
        if o.writeFailing {
            parts.append("WRITES FAILING (\(o.consecutiveWriteFailures) in a row): \(o.lastError ?? "?")")
        } else {
            parts.append(o.writeFailuresTotal == 0 ? "writing" : "writing (\(o.writeFailuresTotal) failed writes since start)")
        }
        parts.append(o.oldestUnsentAgeSeconds.map { "oldest unsent \(duration($0)) old" } ?? "nothing unsent")
        parts.append("\(o.deadLetters) dead letters")
        if o.thinned > 0 { parts.append("\(o.thinned) thinned") }
        return parts.joined(separator: "   ")
    }

    static func kw(_ watts: Double) -> String { String(format: "%.2f kW", watts / 1000) }

    static func data(_ d: StationStatusDocument.Data) -> String {
        let age = d.ageMs.map { String(format: "%.1f s old", $0 / 1000) } ?? "never read"
        return d.quality == "fresh" ? "[\(age)]" : "[\(d.quality.uppercased()), \(age)\(d.error.map { ": \($0)" } ?? "")]"
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        return total >= 3600 ? "\(total / 3600)h\(total % 3600 / 60)m" : "\(total / 60)m\(total % 60)s"
    }
}
