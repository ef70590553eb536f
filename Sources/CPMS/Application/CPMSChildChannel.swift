import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// cpms's connections: HTTP/1 with the station gateway's WebSocket upgrade, plus `HeadRefusal`.
struct CPMSChildChannel: ServerChildChannel {
    let base: HTTP1WebSocketUpgradeChannel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1WebSocketUpgradeChannel.Value> {
        base.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(HeadRefusal())
            return value
        }
    }

    func handle(value: HTTP1WebSocketUpgradeChannel.Value, logger: Logger) async {
        await base.handle(value: value, logger: logger)
    }
}

/// Answers a request head NIO's HTTP parser refuses (larger than `--max-header-bytes`, malformed) with 400 and
/// closes the connection. The upgrade pipeline leaves error handling to Hummingbird, which does not see a parse
/// error before the upgrade is decided: without this the connection stayed open, unanswered.
final class HeadRefusal: ChannelInboundHandler, RemovableChannelHandler {
    // Everything else passes through untouched (HTTP parts, and WebSocket bytes after an upgrade).
    typealias InboundIn = NIOAny

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard error is HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let head = HTTPResponseHead(version: .http1_1, status: .badRequest, headers: ["Connection": "close", "Content-Length": "0"])
        context.write(NIOAny(HTTPServerResponsePart.head(head)), promise: nil)
        context.writeAndFlush(NIOAny(HTTPServerResponsePart.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
