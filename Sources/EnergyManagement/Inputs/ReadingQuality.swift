/// How far a reading can be trusted, as the device layer judged it against the data's age.
public enum ReadingQuality: String, Sendable, Hashable, Codable {
    /// Recent enough to control on.
    case fresh
    /// Older than its bound: the station goes to its safe state for this device.
    case stale
    /// The device did not answer or answered garbage.
    case failed
}
