import Foundation
import Logging

extension OCPPEndpoint {
    /// Sends a request and waits for its response.
    ///
    /// Calls are sent one at a time in the order they were made. Throws `OCPPError`: the peer's CALLERROR,
    /// a timeout (`configuration.callTimeout` on the endpoint's clock), an answer that does not match the
    /// response type, a request that breaks its schema (not sent), a transport failure, cancellation, or
    /// the endpoint being closed.
    public func call<Request: OCPPRequest>(_ request: Request) async throws(OCPPError) -> Request.Response
    where Request.Version == Version {
        guard !isClosed else { throw .closed }
        guard !Task.isCancelled else { throw .cancelled }
        let payload: JSONValue
        do {
            payload = try encoder.encode(request)
        } catch {
            throw .invalidRequest(error)
        }
        let answer = try await call(action: Request.action, payload: payload)
        do {
            return try decoder.decode(Request.Response.self, from: answer)
        } catch {
            throw .invalidResponse(error)
        }
    }

    /// Sends a request whose payload is already JSON (read back from a store, say) and returns the answer's
    /// payload undecoded. Same order, timeout and errors as `call(_:)`; the payload is not validated.
    public func call(action: String, payload: JSONValue) async throws(OCPPError) -> JSONValue {
        try await call(action: action, frame: { OCPPFrame.call(id: $0, action: action, payload: payload).text })
    }

    /// Sends a request whose payload is JSON text the caller vouches for (it wrote it with `PayloadEncoder`,
    /// say, and kept it in a store), without parsing it again.
    public func call(action: String, payloadText: String) async throws(OCPPError) -> JSONValue {
        try await call(action: action, frame: { OCPPFrame.callText(id: $0, action: action, payloadText: payloadText) })
    }

    private func call(action: String, frame makeFrame: (String) -> String) async throws(OCPPError) -> JSONValue {
        guard !isClosed else { throw .closed }
        guard !Task.isCancelled else { throw .cancelled }
        let id = UUID().uuidString
        let frame = makeFrame(id)
        let outcome = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                enqueue(PendingCall(id: id, action: action, frame: frame, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancelCall(id) }
        }
        return try outcome.get()
    }

    func enqueue(_ call: PendingCall) {
        queue.append(call)
        sendNextCall()
    }

    /// Puts the first queued call on the wire when none is outstanding.
    func sendNextCall() {
        guard inFlight == nil, !isClosed, !queue.isEmpty else { return }
        let call = queue.removeFirst()
        let deadline = clock.uptime + configuration.callTimeout
        let timer = Task { [clock] in
            do {
                try await clock.sleep(until: deadline)
            } catch {
                return
            }
            self.expireCall(call.id)
        }
        inFlight = CallInFlight(call: call, timer: timer)
        transmit(OutgoingFrame(text: call.frame, callID: call.id))
    }

    /// Ends the outstanding call with `outcome` (when `id` is its id) and sends the next one.
    @discardableResult
    func finishCall(_ id: String, _ outcome: Result<JSONValue, OCPPError>) -> Bool {
        guard let current = inFlight, current.call.id == id else { return false }
        current.timer.cancel()
        inFlight = nil
        current.call.continuation.resume(returning: outcome)
        sendNextCall()
        return true
    }

    func expireCall(_ id: String) {
        guard let action = inFlight?.call.action, inFlight?.call.id == id else { return }
        logger.warning("OCPP call timed out", metadata: ["action": "\(action)", "messageId": "\(id)"])
        finishCall(id, .failure(.timeout(action: action, after: configuration.callTimeout)))
    }

    /// Withdraws a cancelled call: from the queue, or off the wire (its late answer will be dropped).
    func cancelCall(_ id: String) {
        if let index = queue.firstIndex(where: { $0.id == id }) {
            let call = queue.remove(at: index)
            call.continuation.resume(returning: .failure(.cancelled))
            return
        }
        finishCall(id, .failure(.cancelled))
    }

    /// Hands a frame to `send`, one at a time in order.
    func transmit(_ frame: OutgoingFrame) {
        outbox.append(frame)
        guard !isSending else { return }
        isSending = true
        Task { await self.drainOutbox() }
    }

    /// Like `transmit`, but sends on the caller's task when nothing is being sent.
    func transmitHere(_ frame: OutgoingFrame) async {
        outbox.append(frame)
        guard !isSending else { return }
        isSending = true
        await drainOutbox()
    }

    private func drainOutbox() async {
        while !outbox.isEmpty, !isClosed {
            let frame = outbox.removeFirst()
            do {
                try await send(frame.text)
            } catch {
                logger.warning("OCPP send failed", metadata: ["error": "\(error)"])
                if let id = frame.callID {
                    finishCall(id, .failure(.transport("\(error)")))
                }
            }
        }
        isSending = false
    }
}
