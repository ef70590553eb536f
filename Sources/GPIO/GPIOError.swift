#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A GPIO failure, naming the chip and line it happened on.
///
/// The description reads like `gpiochip0 line 17 ("contactor-1"): Device or resource busy`.
public struct GPIOError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong; new codes may be added without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, Hashable {
            case chipNotFound, lineNotFound, lineBusy, permissionDenied, requestFailed, ioFailed
        }

        private let base: Base

        private init(_ base: Base) { self.base = base }

        /// The chip does not exist or is not a GPIO chip.
        public static let chipNotFound = Code(.chipNotFound)
        /// The chip has no line with that offset or name.
        public static let lineNotFound = Code(.lineNotFound)
        /// Another request (in this or another process) already holds the line.
        public static let lineBusy = Code(.lineBusy)
        /// The process may not open the chip or request the line.
        public static let permissionDenied = Code(.permissionDenied)
        /// The kernel refused the request for another reason.
        public static let requestFailed = Code(.requestFailed)
        /// Reading, writing or waiting on a requested line failed.
        public static let ioFailed = Code(.ioFailed)

        public var description: String { base.rawValue }
    }

    public var code: Code
    /// The chip as the caller named it.
    public var chip: String
    /// The line's offset, when known.
    public var offset: UInt32?
    /// The line's name, when known.
    public var lineName: String?
    /// The errno behind the failure, when there is one.
    public var errno: Int32?
    /// Why it failed, in words (the errno text when there is one).
    public var reason: String

    public init(_ code: Code, chip: String, offset: UInt32? = nil, lineName: String? = nil, reason: String) {
        self.code = code
        self.chip = chip
        self.offset = offset
        self.lineName = lineName
        self.errno = nil
        self.reason = reason
    }

    /// Builds the error from an errno, whose text becomes the reason.
    public init(_ code: Code, chip: String, offset: UInt32? = nil, lineName: String? = nil, errno: Int32) {
        self.init(code, chip: chip, offset: offset, lineName: lineName, reason: String(cString: strerror(errno)))
        self.errno = errno
    }

    /// Builds the error for a line given by its address, before its offset or name is resolved.
    public init(_ code: Code, at address: GPIOLineAddress, errno: Int32) {
        switch address.line {
        case .offset(let offset): self.init(code, chip: address.chip, offset: offset, errno: errno)
        case .name(let name): self.init(code, chip: address.chip, lineName: name, errno: errno)
        }
    }

    public var description: String {
        var subject = chip
        switch (offset, lineName) {
        case (let offset?, let name?): subject += " line \(offset) (\"\(name)\")"
        case (let offset?, nil): subject += " line \(offset)"
        case (nil, let name?): subject += " line \"\(name)\""
        case (nil, nil): break
        }
        return "\(subject): \(reason)"
    }
}
