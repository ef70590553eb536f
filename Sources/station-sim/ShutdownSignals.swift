import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for SIGINT or SIGTERM without letting either kill the process.
enum ShutdownSignals {
    /// The name of the first of SIGINT or SIGTERM to arrive (or "cancellation" if the task is cancelled first).
    static func first() async -> String {
        let (stream, continuation) = AsyncStream.makeStream(of: String.self)
        let queue = DispatchQueue(label: "station-sim.signals")
        let sources = [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM")].map { number, name in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { continuation.yield(name) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        for await name in stream { return name }
        return "cancellation"
    }
}
