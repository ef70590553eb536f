/// How far a measured value can be trusted.
public enum ReadingQuality: String, Sendable, Hashable, Codable {
    /// Read within its staleness bound.
    case fresh
    /// The last good value is older than its bound.
    case stale
    /// The device did not answer (or answered nonsense) and there is no usable value.
    case failed
}

/// A measured value with the uptime it was taken at and its quality.
public struct Reading<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value?
    /// Uptime of the last good value.
    public var takenAt: Duration?
    public var quality: ReadingQuality

    public init(value: Value?, takenAt: Duration?, quality: ReadingQuality) {
        self.value = value
        self.takenAt = takenAt
        self.quality = quality
    }

    public static var missing: Reading { Reading(value: nil, takenAt: nil, quality: .failed) }

    public static func fresh(_ value: Value, at uptime: Duration) -> Reading {
        Reading(value: value, takenAt: uptime, quality: .fresh)
    }

    /// The value if it is fresh, else nil.
    public var freshValue: Value? { quality == .fresh ? value : nil }

    /// Age of the last good value at `uptime`.
    public func age(at uptime: Duration) -> Duration? { takenAt.map { uptime - $0 } }

    /// The same reading judged again at `uptime`: fresh values older than `bound` become stale.
    public func aged(at uptime: Duration, bound: Duration) -> Reading {
        guard quality == .fresh, let takenAt, uptime - takenAt > bound else { return self }
        return Reading(value: value, takenAt: takenAt, quality: .stale)
    }
}
