#if os(Linux) && canImport(CGPIOD)
import Foundation
import Logging
import Synchronization

/// An input line requested through libgpiod, watched by its own thread that debounces its edges.
///
/// When this object goes, its streams finish and the thread stops within one poll interval,
/// then releases the line.
final class LibgpiodInput: GPIOInput {
    /// How long the watcher waits for an edge before it samples the level and checks whether to stop.
    static let pollInterval = Duration.milliseconds(100)
    /// How long the watcher pauses after a failed wait or read before it tries again.
    static let retryInterval = Duration.seconds(1)

    let address: GPIOLineAddress
    private let line: LibgpiodLine
    private let broadcast = GPIOChangeBroadcast()
    private let stop = StopSignal()

    init(address: GPIOLineAddress, line: LibgpiodLine, debounce: Duration, logger: Logger) throws(GPIOError) {
        self.address = address
        self.line = line
        let initialLevel = try line.value()
        let thread = Thread { [line, broadcast, stop] in
            Self.watch(line, debounce: debounce, initialLevel: initialLevel, broadcast: broadcast, stop: stop, logger: logger)
        }
        thread.name = "gpio-\(line.offset)"
        thread.start()
    }

    deinit {
        stop.signal()
        broadcast.finish()
    }

    func read() throws -> Bool {
        try line.value()
    }

    func changes() -> AsyncStream<GPIOInputChange> {
        broadcast.subscribe()
    }

    /// The watcher thread's loop: wait for an edge or a timeout, feed the debouncer, publish what settles.
    private static func watch(
        _ line: LibgpiodLine,
        debounce: Duration,
        initialLevel: Bool,
        broadcast: GPIOChangeBroadcast,
        stop: StopSignal,
        logger: Logger
    ) {
        var debouncer = Debouncer(debounce: debounce, initialLevel: initialLevel)
        var failing = false

        func publish(_ level: Bool?) {
            guard let level, let since = debouncer.stableLevelSince else { return }
            logger.debug("GPIO input changed", metadata: ["gpio.line": "\(line.offset)", "gpio.active": "\(level)"])
            broadcast.yield(GPIOInputChange(active: level, at: since))
        }

        while !stop.isSignalled {
            do throws(GPIOError) {
                let timeout = debouncer.deadline.map { min(pollInterval, $0 - .now) } ?? pollInterval
                if let edge = try line.waitForEdge(timeout: timeout) {
                    publish(debouncer.observe(edge.active, at: edge.at))
                } else {
                    // No edge: sample the level, so a lost edge is corrected within one poll interval.
                    publish(debouncer.observe(try line.value(), at: .now))
                }
                publish(debouncer.settle(at: .now))
                if failing {
                    failing = false
                    logger.notice("GPIO input readable again", metadata: ["gpio.line": "\(line.offset)"])
                }
            } catch {
                if !failing {
                    failing = true
                    logger.error("GPIO input failing: \(error)", metadata: ["gpio.line": "\(line.offset)"])
                }
                stop.wait(upTo: retryInterval, checkingEvery: pollInterval)
            }
        }
    }
}

/// Tells a watcher thread to stop.
private final class StopSignal: Sendable {
    private let signalled = Atomic(false)

    var isSignalled: Bool { signalled.load(ordering: .acquiring) }

    func signal() {
        signalled.store(true, ordering: .releasing)
    }

    /// Blocks the calling thread for `duration`, returning early once signalled.
    func wait(upTo duration: Duration, checkingEvery slice: Duration) {
        let end = ContinuousClock.now + duration
        while !isSignalled, ContinuousClock.now < end {
            Thread.sleep(forTimeInterval: Self.seconds(min(slice, end - .now)))
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
#endif
