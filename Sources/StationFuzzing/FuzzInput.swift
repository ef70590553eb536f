import Synchronization

/// How the targets read their input.
enum FuzzInput {
    /// At most this many frames are taken from one input, so one input stays a short exchange.
    static let maximumFrames = 16

    /// The input's lines as frames (invalid UTF-8 replaced, as a frame of text would carry it).
    static func frames(_ input: [UInt8]) -> [String] {
        input.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
            .prefix(maximumFrames)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Every frame a target's endpoint sent, in order.
final class SentFrames: Sendable {
    private let frames = Mutex<[String]>([])

    func append(_ text: String) {
        frames.withLock { $0.append(text) }
    }

    var all: [String] { frames.withLock { $0 } }
}
