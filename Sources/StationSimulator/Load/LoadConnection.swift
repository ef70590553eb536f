import Foundation
import NIOCore
import NIOWebSocket
import OCPP

/// One load charger on its WebSocket, driven on its channel's event loop without leaving it.
///
/// It boots, reports connector 1 available, starts a transaction for the `transactions` mix, then waits for the
/// window. While the window is open it sends the next reading as soon as the last one is answered (one
/// outstanding call, as OCPP-J requires) and times each answer. Calls from the server are answered at once.
/// An answer to a reading is recognised by its prefix alone; anything else is parsed in full.
final class LoadConnection: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    enum Phase: Equatable {
        case booting, reporting, startingTransaction, ready, metering, finished
    }

    let chargerID: String
    let requests: LoadRequests
    let callTimeout: Duration
    /// Told once, when the charger is ready for the window (true) or gave up before it (false).
    let onReady: (Bool) -> Void
    /// Told about every problem while the window is open, and about why a charger did not get ready.
    let onProblem: (String) -> Void
    private(set) var statistics = LoadStatistics()
    private(set) var phase = Phase.booting
    private(set) var isClosed = false
    private var windowOpen = false
    private var context: ChannelHandlerContext?
    private var nextID = 0
    private var outstanding: (id: String, prefix: String, sentAt: NIODeadline)?
    private var fragments: ByteBuffer?
    private var reportedReady = false
    private var timeoutCheck: RepeatedTask?

    init(
        chargerID: String, requests: LoadRequests, callTimeout: Duration, onReady: @escaping (Bool) -> Void,
        onProblem: @escaping (String) -> Void
    ) {
        self.chargerID = chargerID
        self.requests = requests
        self.callTimeout = callTimeout
        self.onReady = onReady
        self.onProblem = onProblem
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let connection = NIOLoopBound(self, eventLoop: context.eventLoop)
        timeoutCheck = context.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(1), delay: .seconds(1)) { _ in
            connection.value.checkTimeout(now: .now())
        }
        if context.channel.isActive { begin() }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timeoutCheck?.cancel()
        timeoutCheck = nil
        self.context = nil
    }

    /// The connection ended, whether or not the upgrade got as far as this handler.
    func connectionClosed() {
        isClosed = true
        timeoutCheck?.cancel()
        timeoutCheck = nil
        if windowOpen, phase == .metering {
            statistics.errors += 1
            onProblem("\(chargerID): connection closed by the server")
        }
        finish(ready: false, "connection closed before the charger was ready")
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        onProblem("\(chargerID): \(error)")
        context.close(promise: nil)
    }

    // MARK: The window

    /// Starts sending readings (if ready).
    func openWindow() {
        windowOpen = true
        guard phase == .ready else { return }
        phase = .metering
        sendReading()
    }

    /// Stops counting; the reading in flight is dropped.
    func closeWindow() {
        windowOpen = false
        phase = .finished
        outstanding = nil
    }

    /// Counts a call unanswered for longer than the call timeout as an error, and gives up on it.
    func checkTimeout(now: NIODeadline) {
        let (seconds, attoseconds) = callTimeout.components
        let timeout = TimeAmount.nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        guard let outstanding, now - outstanding.sentAt > timeout else { return }
        self.outstanding = nil
        callFailed("no answer to call \(outstanding.id) within \(callTimeout)")
    }

    /// The outstanding call failed: in the window an error and on to the next reading; before it, the charger
    /// gives up.
    private func callFailed(_ reason: String) {
        if phase == .metering {
            if windowOpen {
                statistics.errors += 1
                onProblem("\(chargerID): \(reason)")
            }
            sendReading()
        } else {
            finish(ready: false, reason)
            context?.close(promise: nil)
        }
    }

    // MARK: Frames

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            if frame.fin {
                received(frame.unmaskedData)
            } else {
                fragments = frame.unmaskedData
            }
        case .continuation:
            guard var buffer = fragments else { return }
            var data = frame.unmaskedData
            buffer.writeBuffer(&data)
            if frame.fin {
                fragments = nil
                received(buffer)
            } else {
                fragments = buffer
            }
        case .ping:
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: frame.unmaskedData)), promise: nil)
        case .connectionClose:
            var reply = context.channel.allocator.buffer(capacity: 2)
            reply.write(webSocketErrorCode: .normalClosure)
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(), data: reply)))
                .whenComplete { _ in channel.close(promise: nil) }
        default:
            break
        }
    }

    private func received(_ buffer: ByteBuffer) {
        if let outstanding, phase == .metering, answers(buffer, prefix: outstanding.prefix) {
            let latency = NIODeadline.now() - outstanding.sentAt
            self.outstanding = nil
            if windowOpen { statistics.recordAnswer(after: .nanoseconds(latency.nanoseconds)) }
            sendReading()
            return
        }
        let text = String(buffer: buffer)
        let frame: OCPPFrame
        do {
            frame = try OCPPFrame.parse(text, maximumSize: .max)
        } catch {
            onProblem("\(chargerID): unreadable frame from the server: \(error.reason)")
            return
        }
        switch frame {
        case .call(let id, let action, _):
            switch requests.answer(action: action) {
            case .success(let payload): write("[3," + JSONValue.string(id).jsonText + "," + payload + "]")
            case .failure(let error): write(OCPPFrame.callError(id: id, error: error).text)
            }
        case .callResult(let id, let payload):
            guard let outstanding, outstanding.id == id else { return }
            self.outstanding = nil
            answered(payload)
        case .callError(let id, let error):
            guard let outstanding, outstanding.id == id else { return }
            self.outstanding = nil
            callFailed("\(phaseName) answered with CALLERROR \(error.code.rawValue): \(error.errorDescription)")
        }
    }

    /// Whether a frame is the CALLRESULT whose opening is `prefix` (`[3,"<id>",`, as the server writes it).
    private func answers(_ buffer: ByteBuffer, prefix: String) -> Bool {
        var prefix = prefix
        return prefix.withUTF8 { expected in
            buffer.readableBytesView.starts(with: expected)
        }
    }

    // MARK: The dialogue

    private func begin() {
        send { try requests.boot() }
    }

    private func answered(_ payload: JSONValue) {
        let now = Date()
        switch phase {
        case .booting:
            guard requests.bootAccepted(payload) else {
                finish(ready: false, "BootNotification not accepted")
                context?.close(promise: nil)
                return
            }
            phase = .reporting
            send { try requests.status(at: now) }
        case .reporting:
            if requests.mix == .transactions {
                phase = .startingTransaction
                send { try requests.startTransaction(at: now) }
            } else {
                becomeReady()
            }
        case .startingTransaction:
            guard requests.transactionStarted(payload) else {
                finish(ready: false, "the transaction was not accepted")
                context?.close(promise: nil)
                return
            }
            becomeReady()
        case .ready, .metering, .finished:
            break
        }
    }

    private func becomeReady() {
        phase = .ready
        report(ready: true)
        if windowOpen { openWindow() }
    }

    private func sendReading() {
        guard windowOpen, phase == .metering else { return }
        send { try requests.nextReading(at: Date()) }
    }

    private func send(_ makeCall: () throws -> LoadRequests.Call) {
        let call: LoadRequests.Call
        do {
            call = try makeCall()
        } catch {
            finish(ready: false, "a request broke its schema: \(error)")
            context?.close(promise: nil)
            return
        }
        nextID += 1
        let id = String(nextID)
        let prefix = #"[3,""# + id + #"","#
        outstanding = (id, prefix, NIODeadline.now())
        write(#"[2,""# + id + #"",""# + call.action + #"","# + call.payload + "]")
    }

    /// Sends a text frame, masked as a client must.
    private func write(_ text: String) {
        guard let context else { return }
        var buffer = context.channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        let frame = WebSocketFrame(fin: true, opcode: .text, maskKey: .random(), data: buffer)
        context.writeAndFlush(wrapOutboundOut(frame), promise: nil)
    }

    private func finish(ready: Bool, _ reason: String) {
        if !ready, !reportedReady { onProblem("\(chargerID): \(reason)") }
        report(ready: ready)
        if phase != .metering { phase = .finished }
    }

    private func report(ready: Bool) {
        guard !reportedReady else { return }
        reportedReady = true
        onReady(ready)
    }

    private var phaseName: String {
        switch phase {
        case .booting: "BootNotification"
        case .reporting: "StatusNotification"
        case .startingTransaction: "the transaction start"
        default: "a call"
        }
    }
}
