import EnergyManagement
import Foundation
public import Prometheus
import StationCore

/// The Prometheus metrics stationd serves at `/metrics`.
public final class StationMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    private let gridPower: Gauge
    private let gridCap: Gauge
    private let batterySoC: Gauge
    private let batterySetpoint: Gauge
    private let cycleDuration: Gauge
    private let cycles: Counter

    public init() {
        gridPower = registry.makeGauge(name: "stationd_grid_power_watts", help: "Grid import at the connection point (negative: export)")
        gridCap = registry.makeGauge(name: "stationd_grid_cap_watts", help: "Import limit in force")
        batterySoC = registry.makeGauge(name: "stationd_battery_soc_percent", help: "Battery state of charge")
        batterySetpoint = registry.makeGauge(name: "stationd_battery_setpoint_watts", help: "Battery power setpoint (positive: discharge)")
        cycleDuration = registry.makeGauge(name: "stationd_control_cycle_seconds", help: "Duration of the last control cycle")
        cycles = registry.makeCounter(name: "stationd_control_cycles_total", help: "Control cycles run")
    }

    /// Updates every metric after a cycle.
    func record(_ cycle: StationController.CycleRecord, station: Station, decision: SetpointDecision, failures: [String: Int]) {
        cycles.increment()
        cycleDuration.set(to: cycle.duration.seconds)
        gridPower.set(to: cycle.gridPower?.value ?? .nan)
        gridCap.set(to: cycle.gridCap.value)
        batterySoC.set(to: cycle.battery?.soc.value ?? .nan)
        batterySetpoint.set(to: decision.batteryPower.value)
        for (id, socket) in station.sockets {
            let labels = [("socket", id.description)]
            registry.makeGauge(name: "stationd_socket_offered_amperes", labels: labels, help: "Current offered to the vehicle")
                .set(to: socket.offeredCurrent.value)
            registry.makeGauge(name: "stationd_socket_power_watts", labels: labels, help: "Power the socket delivers")
                .set(to: socket.power?.value ?? .nan)
            for status in SocketStatus.allCases {
                registry.makeGauge(
                    name: "stationd_socket_status", labels: labels + [("status", status.rawValue)],
                    help: "1 for the socket's current status"
                ).set(to: socket.status == status ? 1 : 0)
            }
        }
        for mode in SetpointDecision.Mode.allModes {
            registry.makeGauge(name: "stationd_energy_mode", labels: [("mode", mode.rawValue)], help: "1 for the energy manager's mode")
                .set(to: decision.mode == mode ? 1 : 0)
        }
        for (device, count) in failures {
            registry.makeGauge(name: "stationd_device_consecutive_failures", labels: [("device", device)], help: "Failed polls in a row")
                .set(to: Double(count))
        }
    }

    /// The outbox's health and the open descriptors, refreshed for each scrape.
    func record(_ health: OutboxHealth, queued: Int, at now: Date) {
        registry.makeGauge(name: "stationd_outbox_queued_messages", help: "Messages waiting to be acknowledged by the CSMS")
            .set(to: Double(queued))
        registry.makeGauge(name: "stationd_outbox_write_failing", help: "1 while the outbox's writes fail")
            .set(to: health.isFailing ? 1 : 0)
        registry.makeGauge(name: "stationd_outbox_consecutive_write_failures", help: "Failed outbox writes in a row")
            .set(to: Double(health.consecutiveFailures))
        registry.makeGauge(name: "stationd_outbox_write_failures", help: "Failed outbox writes since start")
            .set(to: Double(health.totalFailures))
        registry.makeGauge(name: "stationd_outbox_oldest_unsent_age_seconds", help: "Age of the oldest unacknowledged message (0: none)")
            .set(to: health.oldestUnsentAt.map { max(0, now.timeIntervalSince($0)) } ?? 0)
        registry.makeGauge(name: "stationd_outbox_dead_letters", help: "Messages set aside after repeated refusals")
            .set(to: Double(health.deadLetters))
        registry.makeGauge(name: "stationd_outbox_thinned_messages", help: "Meter values and telemetry thinned since start")
            .set(to: Double(health.thinned))
        // Linux only: a leak (one descriptor per reconnect, say) shows here long before the unit's LimitNOFILE.
        if let open = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            registry.makeGauge(name: "stationd_open_descriptors", help: "Open file descriptors of stationd").set(to: Double(open.count))
        }
    }

    /// The text exposition format.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension SetpointDecision.Mode {
    static let allModes: [SetpointDecision.Mode] = [.normal, .peakShaving, .curtailing, .failSafeGridMeter, .failSafeBattery]
}
