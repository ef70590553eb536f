public import Hummingbird
public import HummingbirdWebSocket
public import NIOCore

/// The request context of cpms's router: a WebSocket upgrade for the station gateway, and the client's
/// address for the portal's login throttling and audit log.
public struct CPMSRequestContext: RequestContext, WebSocketRequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let webSocket: WebSocketHandlerReference<CPMSRequestContext>
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.webSocket = .init()
        self.remoteAddress = source.channel.remoteAddress
    }
}
