#if os(Linux) && canImport(CGPIOD)
import CGPIOD
import Glibc
import Synchronization

// Every libgpiod (v1 API) call in the package lives in this file, so a move to the v2 API stays local.

/// An open GPIO chip; it is closed when the provider and every line requested on it let go.
///
/// libgpiod v1 objects are not thread-safe: every call that touches the chip or a line's request state
/// holds `lock`. The pointer itself never changes.
final class LibgpiodChip: @unchecked Sendable {
    /// The chip as the caller named it.
    let name: String
    private let pointer: OpaquePointer
    private let lock = Mutex(())

    init(opening name: String) throws(GPIOError) {
        guard let pointer = gpiod_chip_open_lookup(name) else {
            let failure = cgpiod_errno()
            throw GPIOError(Self.openFailureCode(failure), chip: name, errno: failure)
        }
        self.name = name
        self.pointer = pointer
    }

    deinit {
        gpiod_chip_close(pointer)
    }

    /// Requests the line as an output driven to `initiallyActive`.
    func requestOutput(
        _ address: GPIOLineAddress,
        consumer: String,
        initiallyActive: Bool
    ) throws(GPIOError) -> LibgpiodLine {
        try request(address) { line in
            gpiod_line_request_output_flags(line, consumer, Self.flags(address), initiallyActive ? 1 : 0)
        }
    }

    /// Requests the line as an input reporting both rising and falling edges.
    func requestBothEdges(_ address: GPIOLineAddress, consumer: String) throws(GPIOError) -> LibgpiodLine {
        try request(address) { line in
            gpiod_line_request_both_edges_events_flags(line, consumer, Self.flags(address))
        }
    }

    /// Releases a line requested on this chip.
    fileprivate func release(_ line: OpaquePointer) {
        lock.withLock { _ in gpiod_line_release(line) }
    }

    private func request(
        _ address: GPIOLineAddress,
        _ call: (OpaquePointer) -> Int32
    ) throws(GPIOError) -> LibgpiodLine {
        try lock.withLock { _ throws(GPIOError) -> LibgpiodLine in
            let line = try find(address)
            let offset = UInt32(gpiod_line_offset(line))
            var lineName = gpiod_line_name(line).map { String(cString: $0) }
            if lineName == nil, case .name(let name) = address.line { lineName = name }
            guard call(line) == 0 else {
                let failure = cgpiod_errno()
                throw GPIOError(
                    Self.requestFailureCode(failure),
                    chip: self.name,
                    offset: offset,
                    lineName: lineName,
                    errno: failure
                )
            }
            return LibgpiodLine(chip: self, pointer: line, offset: offset, name: lineName)
        }
    }

    private func find(_ address: GPIOLineAddress) throws(GPIOError) -> OpaquePointer {
        let found: OpaquePointer?
        switch address.line {
        case .offset(let offset): found = gpiod_chip_get_line(pointer, offset)
        case .name(let name): found = gpiod_chip_find_line(pointer, name)
        }
        guard let found else {
            let failure = cgpiod_errno()
            let code: GPIOError.Code = failure == EINVAL || failure == ENOENT ? .lineNotFound : .ioFailed
            throw GPIOError(code, at: address, errno: failure)
        }
        return found
    }

    private static func flags(_ address: GPIOLineAddress) -> Int32 {
        address.activeLow ? Int32(GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW) : 0
    }

    private static func openFailureCode(_ failure: Int32) -> GPIOError.Code {
        switch failure {
        case ENOENT, ENODEV, ENOTTY, ENXIO, ENOTDIR: .chipNotFound
        case EACCES, EPERM: .permissionDenied
        default: .ioFailed
        }
    }

    private static func requestFailureCode(_ failure: Int32) -> GPIOError.Code {
        switch failure {
        case EBUSY: .lineBusy
        case EACCES, EPERM: .permissionDenied
        default: .requestFailed
        }
    }
}

/// A requested line; released when this object goes, and it keeps its chip open until then.
///
/// Value calls hold `lock` because libgpiod records the last output value in the line object;
/// waiting for and reading edges only touch the line's own file descriptor and run without it,
/// on the one thread that watches the line.
final class LibgpiodLine: @unchecked Sendable {
    let chip: LibgpiodChip
    let offset: UInt32
    /// The kernel's name for the line, or the name it was requested by.
    let name: String?
    private let pointer: OpaquePointer
    private let lock = Mutex(())

    fileprivate init(chip: LibgpiodChip, pointer: OpaquePointer, offset: UInt32, name: String?) {
        self.chip = chip
        self.pointer = pointer
        self.offset = offset
        self.name = name
    }

    deinit {
        chip.release(pointer)
    }

    /// The line's active level.
    func value() throws(GPIOError) -> Bool {
        let value = lock.withLock { _ in gpiod_line_get_value(pointer) }
        guard value >= 0 else { throw failure(cgpiod_errno()) }
        return value == 1
    }

    /// Drives the line to its active or inactive level.
    func setValue(_ active: Bool) throws(GPIOError) {
        let result = lock.withLock { _ in gpiod_line_set_value(pointer, active ? 1 : 0) }
        guard result == 0 else { throw failure(cgpiod_errno()) }
    }

    /// Waits up to `timeout` for an edge; nil when none came.
    func waitForEdge(timeout: Duration) throws(GPIOError) -> LibgpiodEdge? {
        var wait = Self.timespec(of: max(timeout, .zero))
        switch gpiod_line_event_wait(pointer, &wait) {
        case 0:
            return nil
        case 1:
            var event = gpiod_line_event()
            guard gpiod_line_event_read(pointer, &event) == 0 else { throw failure(cgpiod_errno()) }
            return LibgpiodEdge(
                active: event.event_type == Int32(GPIOD_LINE_EVENT_RISING_EDGE),
                at: Self.instant(ofMonotonic: event.ts)
            )
        default:
            let failure = cgpiod_errno()
            if failure == EINTR { return nil }
            throw self.failure(failure)
        }
    }

    private func failure(_ failure: Int32) -> GPIOError {
        GPIOError(.ioFailed, chip: chip.name, offset: offset, lineName: name, errno: failure)
    }

    private static func timespec(of duration: Duration) -> Glibc.timespec {
        let (seconds, attoseconds) = duration.components
        return Glibc.timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
    }

    /// Converts a kernel event time (CLOCK_MONOTONIC) to a `ContinuousClock` instant.
    ///
    /// Kernels before 5.7 stamp events with the wall clock; such stamps, and any implausible age, become "now".
    private static func instant(ofMonotonic stamp: Glibc.timespec) -> ContinuousClock.Instant {
        let now = ContinuousClock.now
        var monotonic = Glibc.timespec()
        guard clock_gettime(CLOCK_MONOTONIC, &monotonic) == 0 else { return now }
        let age = duration(of: monotonic) - duration(of: stamp)
        guard age >= .zero, age < .seconds(1) else { return now }
        return now - age
    }

    private static func duration(of stamp: Glibc.timespec) -> Duration {
        .seconds(stamp.tv_sec) + .nanoseconds(stamp.tv_nsec)
    }
}

/// One edge on a watched input line.
struct LibgpiodEdge: Sendable {
    /// True when the line became active.
    var active: Bool
    var at: ContinuousClock.Instant
}
#endif
