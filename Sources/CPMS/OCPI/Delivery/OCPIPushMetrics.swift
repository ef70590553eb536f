import Foundation
public import Prometheus

/// The push queue's metrics in cpms's `/metrics`: attempts by outcome as counters, and the queue's state
/// per eMSP (length, oldest age, dead letters), refreshed from the database for each scrape.
public final class OCPIPushMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// `cpms_ocpi_{name}[_{unit}]`.
    static func name(_ name: String, unit: String, help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "cpms", subsystem: "ocpi", metricName: name, unitName: unit, helpText: help)
    }

    /// Counts one attempt's outcome for `emsp`.
    func record(_ attempt: OCPIPushDelivery.Attempt) {
        let labels = [("emsp", attempt.push.party)]
        switch attempt.outcome {
        case .delivered:
            registry.makeCounter(descriptor: Self.name("pushes_delivered", unit: "total", help: "Pushes an eMSP took (OCPI 1xxx)"), labels: labels).increment()
        case .retry:
            registry.makeCounter(descriptor: Self.name("push_failures", unit: "total", help: "Attempts that failed and are retried"), labels: labels).increment()
        case .deadLetter:
            registry.makeCounter(descriptor: Self.name("pushes_dead_lettered", unit: "total", help: "Pushes set aside as dead letters"), labels: labels).increment()
        case .dropped:
            registry.makeCounter(
                descriptor: Self.name("pushes_dropped", unit: "total", help: "Pushes dropped: the eMSP has no receiver for their module"), labels: labels
            ).increment()
        }
    }

    /// Sets the per-eMSP gauges from the queue's summaries.
    func record(_ summaries: [OCPIPushQueueSummary]) {
        for summary in summaries {
            let labels = [("emsp", summary.emsp)]
            registry.makeGauge(descriptor: Self.name("push_queue_length", unit: "", help: "Pushes waiting for the eMSP"), labels: labels).set(to: Double(summary.length))
            registry.makeGauge(descriptor: Self.name("push_queue_oldest_age", unit: "seconds", help: "Age of the oldest waiting push (0: none)"), labels: labels)
                .set(to: summary.oldestAgeSeconds)
            registry.makeGauge(descriptor: Self.name("push_queue_max_attempts", unit: "", help: "Most failed attempts of one waiting push"), labels: labels)
                .set(to: Double(summary.maxAttempts))
            registry.makeGauge(descriptor: Self.name("push_dead_letters", unit: "", help: "Pushes set aside as dead letters"), labels: labels)
                .set(to: Double(summary.deadLetters))
        }
    }
}
