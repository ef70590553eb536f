import Logging
import NIOCore
import NIOHTTP1

/// Answers an HTTP request that was not upgraded to an OCPP WebSocket, with the status that says why:
/// 404 for a path that is not `/ocpp/{chargerId}` or a charger stationd does not know, 401 (with a Basic
/// challenge) for missing or wrong credentials, 400 when no offered subprotocol is served or the handshake is
/// broken, 426 for plain HTTP. Then it closes the connection.
final class ChargerUpgradeRefusal: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    static let name = "charger-upgrade-refusal"

    let admission: ChargerAdmission
    let logger: Logger
    private var head: HTTPRequestHead?

    init(admission: ChargerAdmission, logger: Logger) {
        self.admission = admission
        self.logger = logger
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break
        case .end:
            guard let head else { return }
            self.head = nil
            respond(to: head, context: context)
        }
    }

    private func respond(to head: HTTPRequestHead, context: ChannelHandlerContext) {
        let (status, message, headers) = refusal(of: ChargerUpgradeRequest(head))
        var body = context.channel.allocator.buffer(capacity: message.utf8.count + 1)
        body.writeString(message + "\n")
        var responseHeaders = headers
        responseHeaders.add(name: "content-type", value: "text/plain; charset=utf-8")
        responseHeaders.add(name: "content-length", value: "\(body.readableBytes)")
        responseHeaders.add(name: "connection", value: "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: status, headers: responseHeaders))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }

    private func refusal(of request: ChargerUpgradeRequest) -> (HTTPResponseStatus, String, HTTPHeaders) {
        guard let id = request.chargerID else {
            return (.notFound, "OCPP chargers connect to /ocpp/{chargerId}", [:])
        }
        guard request.asksForWebSocket else {
            return (.upgradeRequired, "OCPP-J needs a WebSocket upgrade", ["upgrade": "websocket"])
        }
        switch admission.decide(chargerID: id, headers: request.headers) {
        case .success:
            logger.warning("refused OCPP connection for \(id): broken WebSocket handshake")
            return (.badRequest, "broken WebSocket handshake", [:])
        case .failure(let refusal):
            logger.warning("refused OCPP connection for \(id): \(refusal)")
            switch refusal {
            case .unknownCharger(let id):
                return (.notFound, "unknown charger \(id)", [:])
            case .unauthorized(let why):
                return (.unauthorized, why, ["www-authenticate": "Basic realm=\"stationd\""])
            case .noCommonSubprotocol:
                return (.badRequest, "offer the WebSocket subprotocol ocpp2.0.1 or ocpp1.6", [:])
            }
        }
    }
}
