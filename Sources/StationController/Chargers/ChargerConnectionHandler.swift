import Logging
import NIOCore
import NIOWebSocket
import OCPP

/// One charger's WebSocket connection, after the upgrade: text frames to its OCPP session, pings, close.
///
/// Frequent calls (meter values, heartbeats) are answered right here on the event loop, through
/// `ChargerSession.triage(_:)`. Everything else goes, in order, to a task that feeds the session and waits
/// for the controller where it must. While that task has frames in hand, later frames follow them there, so
/// the charger gets its answers in the order it sent its calls.
final class ChargerConnectionHandler: ChannelInboundHandler {
    typealias InboundIn = WebSocketFrame
    typealias OutboundOut = WebSocketFrame

    let session: any ChargerSession
    /// Admitted under the `pending` policy, not configured.
    let isUnknown: Bool
    let hub: ChargerHub
    let connections: ChargerConnections
    let heartbeatInterval: Duration
    let pingInterval: TimeAmount
    let logger: Logger

    /// The most frames waiting for the task: OCPP-J allows one unanswered call per direction, so a charger
    /// that gets this far ahead of its answers is flooding the station, and is disconnected.
    static let maximumFramesInHand = 100

    /// The session's start plus the frames handed to the task and not yet answered.
    private var framesInHand = 0
    private var frames: AsyncStream<IncomingFrame>.Continuation?
    private var hasUnflushedWrites = false
    private var awaitingPong = false
    private var pinger: RepeatedTask?
    private var context: ChannelHandlerContext?

    init(
        session: any ChargerSession, isUnknown: Bool, hub: ChargerHub, connections: ChargerConnections,
        heartbeatInterval: Duration, pingInterval: TimeAmount, logger: Logger
    ) {
        self.connections = connections
        self.session = session
        self.isUnknown = isUnknown
        self.hub = hub
        self.heartbeatInterval = heartbeatInterval
        self.pingInterval = pingInterval
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        let (stream, continuation) = AsyncStream.makeStream(of: IncomingFrame.self)
        frames = continuation
        framesInHand = 1
        let handler = NIOLoopBound(self, eventLoop: context.eventLoop)
        let (session, hub, logger, heartbeatInterval, isUnknown) = (session, hub, logger, heartbeatInterval, isUnknown)
        let task = Task {
            await session.start(heartbeatInterval: heartbeatInterval)
            let generation = await hub.register(session) {
                handler.eventLoop.execute {
                    guard let context = handler.value.context else { return }
                    handler.value.close(context, code: .normalClosure, reason: "the charger connected again")
                }
            }
            logger.notice("charger \(session.chargerID) connected (\(session.version))\(isUnknown ? " as unknown, pending" : "")")
            handler.eventLoop.execute { handler.value.framesInHand -= 1 }
            for await frame in stream {
                await session.receive(frame)
                handler.eventLoop.execute { handler.value.framesInHand -= 1 }
            }
            await session.close()
            await hub.unregister(session.chargerID, generation: generation)
        }
        connections.upgraded(context.channel, session: task)
        pinger = context.eventLoop.scheduleRepeatedTask(initialDelay: pingInterval, delay: pingInterval) { _ in
            handler.value.ping()
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        end()
        self.context = nil
    }

    func channelInactive(context: ChannelHandlerContext) {
        end()
        context.fireChannelInactive()
    }

    private func end() {
        pinger?.cancel()
        pinger = nil
        frames?.finish()
        frames = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = unwrapInboundIn(data)
        switch frame.opcode {
        case .text:
            guard let text = String(validating: frame.unmaskedData.readableBytesView, as: UTF8.self) else {
                close(context, code: .dataInconsistentWithMessage, reason: "a text frame that is not UTF-8")
                return
            }
            take(text, context: context)
        case .ping:
            var pong = frame.unmaskedData
            write(WebSocketFrame(fin: true, opcode: .pong, data: pong.readSlice(length: pong.readableBytes) ?? pong), context: context)
        case .pong:
            awaitingPong = false
        case .connectionClose:
            var data = frame.unmaskedData
            let code = data.readWebSocketErrorCode() ?? .normalClosure
            close(context, code: code, reason: nil)
        case .binary:
            logger.notice("charger \(session.chargerID) sent a binary frame; OCPP-J is text only, ignored")
        default:
            break
        }
    }

    /// Answers a text frame here when it may, or hands it to the session's task.
    private func take(_ text: String, context: ChannelHandlerContext) {
        if framesInHand == 0 {
            switch session.triage(text) {
            case .answered(let answer):
                write(Self.textFrame(answer, allocator: context.channel.allocator), context: context)
            case .forEndpoint(let frame):
                hand(frame, context: context)
            }
        } else {
            hand(session.parse(text), context: context)
        }
    }

    /// A text frame with room before its text for the frame header, which the encoder then writes in place
    /// rather than as a buffer of its own.
    static func textFrame(_ text: String, allocator: ByteBufferAllocator) -> WebSocketFrame {
        let headroom = 10
        var buffer = allocator.buffer(capacity: headroom + text.utf8.count)
        buffer.moveWriterIndex(forwardBy: headroom)
        buffer.moveReaderIndex(forwardBy: headroom)
        buffer.writeString(text)
        return WebSocketFrame(fin: true, opcode: .text, data: buffer)
    }

    private func hand(_ frame: IncomingFrame, context: ChannelHandlerContext) {
        guard let frames else { return }
        guard framesInHand < Self.maximumFramesInHand else {
            close(context, code: .policyViolation, reason: "\(framesInHand) messages waiting for their answers")
            end()
            return
        }
        framesInHand += 1
        frames.yield(frame)
    }

    private func write(_ frame: WebSocketFrame, context: ChannelHandlerContext) {
        context.write(wrapOutboundOut(frame), promise: nil)
        hasUnflushedWrites = true
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if hasUnflushedWrites {
            hasUnflushedWrites = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    /// A broken WebSocket stream ends the connection: too large a message with 1009, anything else with 1002.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        logger.info("charger \(session.chargerID): connection ended: \(error)")
        let tooLarge = (error as? NIOWebSocketFrameAggregator.Error) == .accumulatedFrameSizeIsTooLarge
        close(context, code: tooLarge ? .messageTooLarge : .protocolError, reason: nil)
    }

    /// Pings the charger; one that did not answer the previous ping is gone.
    private func ping() {
        guard let context else { return }
        guard !awaitingPong else {
            logger.info("charger \(session.chargerID): no pong within \(pingInterval), closing the connection")
            close(context, code: .goingAway, reason: nil)
            return
        }
        awaitingPong = true
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .ping, data: context.channel.allocator.buffer(capacity: 0))), promise: nil)
    }

    private func close(_ context: ChannelHandlerContext, code: WebSocketErrorCode, reason: String?) {
        if let reason { logger.notice("charger \(session.chargerID): closing the connection: \(reason)") }
        var data = context.channel.allocator.buffer(capacity: 2)
        data.write(webSocketErrorCode: code)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(WebSocketFrame(fin: true, opcode: .connectionClose, data: data)))
            .whenComplete { _ in channel.close(promise: nil) }
    }
}
