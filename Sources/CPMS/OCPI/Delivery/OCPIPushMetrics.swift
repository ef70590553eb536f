import Foundation
public import Prometheus

/// The push queue's metrics in cpms's `/metrics`: attempts by outcome as counters, and the queue's state
/// per eMSP (length, oldest age, dead letters), refreshed from the database for each scrape.
public final class OCPIPushMetrics: Sendable {
    let registry: PrometheusCollectorRegistry

    public init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one attempt's outcome for `emsp`.
    func record(_ attempt: OCPIPushDelivery.Attempt) {
        let labels = [("emsp", attempt.push.party)]
        switch attempt.outcome {
        case .delivered:
            registry.makeCounter(name: "cpms_ocpi_pushes_delivered_total", labels: labels, help: "Pushes an eMSP took (OCPI 1xxx)").increment()
        case .retry:
            registry.makeCounter(name: "cpms_ocpi_push_failures_total", labels: labels, help: "Attempts that failed and are retried").increment()
        case .deadLetter:
            registry.makeCounter(name: "cpms_ocpi_pushes_dead_lettered_total", labels: labels, help: "Pushes set aside as dead letters").increment()
        case .dropped:
            registry.makeCounter(name: "cpms_ocpi_pushes_dropped_total", labels: labels, help: "Pushes dropped: the eMSP has no receiver for their module")
                .increment()
        }
    }

    /// Sets the per-eMSP gauges from the queue's summaries.
    func record(_ summaries: [OCPIPushQueueSummary]) {
        for summary in summaries {
            let labels = [("emsp", summary.emsp)]
            registry.makeGauge(name: "cpms_ocpi_push_queue_length", labels: labels, help: "Pushes waiting for the eMSP").set(to: Double(summary.length))
            registry.makeGauge(name: "cpms_ocpi_push_queue_oldest_age_seconds", labels: labels, help: "Age of the oldest waiting push (0: none)")
                .set(to: summary.oldestAgeSeconds)
            registry.makeGauge(name: "cpms_ocpi_push_queue_max_attempts", labels: labels, help: "Most failed attempts of one waiting push")
                .set(to: Double(summary.maxAttempts))
            registry.makeGauge(name: "cpms_ocpi_push_dead_letters", labels: labels, help: "Pushes set aside as dead letters")
                .set(to: Double(summary.deadLetters))
        }
    }
}
