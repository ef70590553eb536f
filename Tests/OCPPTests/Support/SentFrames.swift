import OCPP

/// What an endpoint under test sends: every frame in order, handed out one at a time.
actor SentFrames {
    private var buffer: [String] = []
    private var waiters: [CheckedContinuation<String, Never>] = []
    private(set) var total = 0

    /// The `send` function to give the endpoint.
    nonisolated var send: @Sendable (String) async throws -> Void {
        { text in await self.append(text) }
    }

    private func append(_ text: String) {
        total += 1
        if waiters.isEmpty {
            buffer.append(text)
        } else {
            waiters.removeFirst().resume(returning: text)
        }
    }

    /// The next frame sent, waiting for it if need be (tests bound the wait with a time limit).
    func next() async -> String {
        if !buffer.isEmpty { return buffer.removeFirst() }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// The next frame sent, parsed; a CALLERROR is read without the id checks, since it echoes whatever
    /// id the refused frame had (even an over-long or empty one).
    func nextFrame() async throws -> OCPPFrame {
        let text = await next()
        if case .array(let elements) = try JSONValue(parsing: text), elements.count == 5,
            elements[0] == 4, case .string(let id) = elements[1], case .string(let code) = elements[2],
            case .string(let description) = elements[3]
        {
            return .callError(id: id, error: OCPPCallError(OCPPErrorCode(rawValue: code), description, details: elements[4]))
        }
        return try OCPPFrame.parse(text)
    }

    /// Frames sent but not yet taken.
    var unread: [String] { buffer }
}
