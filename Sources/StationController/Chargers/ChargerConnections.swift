import NIOCore
import NIOWebSocket
import Synchronization

/// The charger server's open connections, so that stopping the server closes every one of them.
final class ChargerConnections: Sendable {
    private struct Connection {
        let channel: any Channel
        /// The task feeding the charger's session, once the connection is a WebSocket.
        var session: Task<Void, Never>?
    }

    private let open = Mutex<[ObjectIdentifier: Connection]>([:])

    func track(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        open.withLock { $0[key] = Connection(channel: channel) }
        channel.closeFuture.whenComplete { [self] _ in
            _ = open.withLock { $0.removeValue(forKey: key) }
        }
    }

    /// Notes a connection upgraded to a WebSocket and the task that runs its session.
    func upgraded(_ channel: any Channel, session: Task<Void, Never>) {
        open.withLock { $0[ObjectIdentifier(channel)]?.session = session }
    }

    /// Closes every connection, WebSockets with "going away" (1001), and waits until their sessions ended.
    func closeAll() async {
        let connections = open.withLock { Array($0.values) }
        for connection in connections {
            if connection.session != nil {
                var data = connection.channel.allocator.buffer(capacity: 2)
                data.write(webSocketErrorCode: .goingAway)
                try? await connection.channel.writeAndFlush(WebSocketFrame(fin: true, opcode: .connectionClose, data: data))
            }
            try? await connection.channel.close()
        }
        for connection in connections {
            await connection.session?.value
        }
    }
}
