#if os(Linux) && canImport(CGPIOD)
import Logging

/// An output line requested through libgpiod; driven inactive and released when this object goes.
final class LibgpiodOutput: GPIOOutput {
    let address: GPIOLineAddress
    private let line: LibgpiodLine
    private let logger: Logger

    init(address: GPIOLineAddress, line: LibgpiodLine, logger: Logger) {
        self.address = address
        self.line = line
        self.logger = logger
    }

    deinit {
        do {
            try line.setValue(false)
        } catch {
            logger.error("GPIO output could not be driven inactive before release: \(error)")
        }
    }

    func set(_ active: Bool) throws {
        try line.setValue(active)
    }

    var isActive: Bool {
        get throws { try line.value() }
    }
}
#endif
