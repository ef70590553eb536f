import Benchmark
import CPlainSQLite
import Foundation
import StationController

/// A realistic outbox message: a periodic TransactionEvent update (about 400 bytes of JSON).
private let payload = """
    {"eventType":"Updated","meterValue":[{"sampledValue":[{"value":12345.6,"context":"Sample.Periodic",\
    "measurand":"Energy.Active.Import.Register","unitOfMeasure":{"unit":"Wh"}},{"value":11040.0,\
    "context":"Sample.Periodic","measurand":"Power.Active.Import","unitOfMeasure":{"unit":"W"}}],\
    "timestamp":"2026-11-25T14:00:00Z"}],"timestamp":"2026-11-25T14:00:00Z","triggerReason":"MeterValuePeriodic",\
    "seqNo":17,"transactionInfo":{"transactionId":"0b6c2f8e-4d0a-4f7e-9b55-3f1f8a2c9d10","chargingState":"Charging"}}
    """

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("outbox-bench-\(name)-\(UUID().uuidString).sqlite").path
}

private func message() -> OutboxMessage {
    OutboxMessage(action: "TransactionEvent", payload: payload, kind: .transaction, createdAt: Date())
}

private func appends() -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .cpuTotal], timeUnits: .microseconds, warmupIterations: 20,
        maxDuration: .seconds(8), maxIterations: 5_000)
}

let benchmarks: @Sendable () -> Void = {
    for batch in [1, 20] {
        Benchmark("Outbox append, \(batch) message(s) per durable flush (WAL, synchronous=FULL)", configuration: appends()) {
            benchmark in
            let outbox = try await Outbox.open(path: temporaryPath("swift"), capacity: 10_000_000)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                outbox.stage((0..<batch).map { _ in .append(message()) })
                try await outbox.flush()
            }
            benchmark.stopMeasurement()
            await outbox.close()
        }

        Benchmark("Plain SQLite from C, \(batch) INSERT(s) per transaction (WAL, synchronous=FULL)", configuration: appends()) {
            benchmark in
            guard let db = plain_sqlite_open(temporaryPath("c")) else {
                benchmark.error("cannot open SQLite")
                return
            }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                guard plain_sqlite_insert(db, payload, Int32(batch)) == 0 else {
                    benchmark.error("insert failed")
                    return
                }
            }
            benchmark.stopMeasurement()
            plain_sqlite_close(db)
        }
    }
}
