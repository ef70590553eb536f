import NIOCore
import NIOHTTP1

/// Sends a load charger's WebSocket upgrade request once connected, and reports a refused upgrade.
final class LoadUpgradeRequest: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundOut = HTTPClientRequestPart
    static let name = "load-upgrade-request"

    let path: String
    let headers: HTTPHeaders
    let onRefusal: (String) -> Void

    init(path: String, headers: HTTPHeaders, onRefusal: @escaping (String) -> Void) {
        self.path = path
        self.headers = headers
        self.onRefusal = onRefusal
    }

    func channelActive(context: ChannelHandlerContext) {
        let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.fireChannelActive()
    }

    /// A response that reaches this handler is one the upgrade did not take.
    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head(let response) = unwrapInboundIn(data) {
            onRefusal("upgrade refused: HTTP \(response.status.code) \(response.status.reasonPhrase)")
            context.close(promise: nil)
        }
    }
}
