#if os(Linux) && canImport(CGPIOD)
public import Logging
import Synchronization

/// GPIO lines from the kernel's GPIO character devices, through libgpiod 1.6.
///
/// Chips are opened on first use and kept open; a chip that failed to open is tried again on the next request.
public final class LibgpiodProvider: GPIOProvider {
    /// The consumer the kernel records for every line requested here, as `gpioinfo` shows it.
    public let consumer: String
    private let logger: Logger
    private let chips = Mutex<[String: LibgpiodChip]>([:])

    public init(consumer: String, logger: Logger = Logger(label: "stationmaster.gpio")) {
        self.consumer = consumer
        self.logger = logger
    }

    public func output(_ address: GPIOLineAddress, initiallyActive: Bool) throws -> any GPIOOutput {
        let line = try chip(address.chip).requestOutput(address, consumer: consumer, initiallyActive: initiallyActive)
        logger.info("GPIO output requested", metadata: Self.metadata(address, line, ["active": "\(initiallyActive)"]))
        return LibgpiodOutput(address: address, line: line, logger: logger)
    }

    public func input(_ address: GPIOLineAddress, debounce: Duration) throws -> any GPIOInput {
        let line = try chip(address.chip).requestBothEdges(address, consumer: consumer)
        let input = try LibgpiodInput(address: address, line: line, debounce: debounce, logger: logger)
        logger.info("GPIO input requested", metadata: Self.metadata(address, line, ["debounce": "\(debounce)"]))
        return input
    }

    private func chip(_ name: String) throws(GPIOError) -> LibgpiodChip {
        try chips.withLock { chips throws(GPIOError) -> LibgpiodChip in
            if let chip = chips[name] { return chip }
            let chip = try LibgpiodChip(opening: name)
            chips[name] = chip
            return chip
        }
    }

    private static func metadata(
        _ address: GPIOLineAddress,
        _ line: LibgpiodLine,
        _ extra: Logger.Metadata
    ) -> Logger.Metadata {
        var metadata: Logger.Metadata = [
            "gpio.chip": "\(address.chip)",
            "gpio.line": "\(line.offset)",
            "gpio.active_low": "\(address.activeLow)",
        ]
        if let name = line.name { metadata["gpio.line_name"] = "\(name)" }
        return metadata.merging(extra) { _, new in new }
    }
}
#endif
