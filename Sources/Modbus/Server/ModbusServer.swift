import CModbus
import Foundation
import Synchronization

/// A Modbus device server (slave) over TCP or RTU, answering from register banks.
///
/// Over TCP one server hosts many unit ids (like a gateway) and many masters at once;
/// a request for a unit it does not host gets exception 11 (gateway target failed to respond).
/// Over RTU, libmodbus filters frames by unit id, so a serial server hosts exactly one unit.
public final class ModbusServer: Sendable {
    public enum Listener: Sendable, Hashable {
        /// Port 0 picks a free port; `start()` returns it.
        case tcp(host: String, port: Int)
        case rtu(SerialLine, unit: UInt8)
    }

    public let listener: Listener
    private let units: UnitTable
    private let running: Mutex<ServerLoop?> = Mutex(nil)

    public init(_ listener: Listener, units: [UInt8: RegisterBank] = [:]) {
        self.listener = listener
        self.units = UnitTable(units)
    }

    deinit {
        stop()
    }

    /// Hosts `bank` as `unit`, replacing any bank there.
    public func host(_ bank: RegisterBank, as unit: UInt8) {
        units.banks.withLock { $0[unit] = bank }
    }

    /// The bank hosted as `unit`.
    public func bank(_ unit: UInt8) -> RegisterBank? {
        units.banks.withLock { $0[unit] }
    }

    /// Opens the listener and starts answering on a thread of its own; returns the TCP port (0 for RTU).
    @discardableResult
    public func start() throws(ModbusError) -> Int {
        let loop = try ServerLoop(listener: listener, lookup: { [units] unit in
            units.requests.add(1, ordering: .relaxed)
            return units.banks.withLock { $0[unit] }
        })
        running.withLock { $0 = loop }
        loop.start()
        return loop.port
    }

    /// Requests received and handled (answered, refused or deliberately ignored) since the server was made.
    public var requestsReceived: Int { units.requests.load(ordering: .relaxed) }

    /// The TCP port being served, once started.
    public var port: Int? { running.withLock { $0?.port } }

    /// Stops answering, closes every connection and waits for the thread to end.
    public func stop() {
        let loop = running.withLock { state -> ServerLoop? in
            defer { state = nil }
            return state
        }
        loop?.stop()
    }
}

/// The banks a server hosts, by unit id.
final class UnitTable: Sendable {
    let banks: Mutex<[UInt8: RegisterBank]>
    let requests = Atomic<Int>(0)

    init(_ banks: [UInt8: RegisterBank]) {
        self.banks = Mutex(banks)
    }
}

/// The server thread: polls the listener and connections, receives, and replies.
final class ServerLoop: @unchecked Sendable {
    let port: Int
    private let context: OpaquePointer
    private let isTCP: Bool
    private let listenSocket: Int32
    private var clients: [Int32] = []
    private let wakePipe: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    private let lookup: @Sendable (UInt8) -> RegisterBank?
    private let headerLength: Int

    init(listener: ModbusServer.Listener, lookup: @escaping @Sendable (UInt8) -> RegisterBank?) throws(ModbusError) {
        self.lookup = lookup
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ModbusError.fromErrno(errno, "create wake pipe") }
        wakePipe = (fds[0], fds[1])
        switch listener {
        case .tcp(let host, let requestedPort):
            guard let ctx = modbus_new_tcp_pi(host, String(requestedPort)) else {
                Self.closePipe(fds)
                throw ModbusError.fromErrno("create TCP server on \(host):\(requestedPort)")
            }
            let socket = modbus_tcp_pi_listen(ctx, 32)
            guard socket >= 0 else {
                let error = ModbusError.fromErrno("listen on \(host):\(requestedPort)")
                modbus_free(ctx)
                Self.closePipe(fds)
                throw error
            }
            context = ctx
            isTCP = true
            listenSocket = socket
            port = Self.boundPort(of: socket)
        case .rtu(let line, let unit):
            guard let ctx = modbus_new_rtu(
                line.device, Int32(line.baud), line.parity.libmodbusCharacter, Int32(line.dataBits), Int32(line.stopBits))
            else {
                Self.closePipe(fds)
                throw ModbusError.fromErrno("create RTU server on \(line)")
            }
            _ = modbus_set_slave(ctx, Int32(unit))
            guard modbus_connect(ctx) == 0 else {
                let error = ModbusError.fromErrno("open \(line.device)")
                modbus_free(ctx)
                Self.closePipe(fds)
                throw error
            }
            context = ctx
            isTCP = false
            listenSocket = -1
            clients = [modbus_get_socket(ctx)]
            port = 0
        }
        headerLength = Int(modbus_get_header_length(context))
    }

    func start() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "modbus server"
        thread.start()
    }

    func stop() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
        finished.wait()
    }

    private func run() {
        var query = [UInt8](repeating: 0, count: Int(MODBUS_TCP_MAX_ADU_LENGTH))
        while true {
            var polled = [pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
            if isTCP { polled.append(pollfd(fd: listenSocket, events: Int16(POLLIN), revents: 0)) }
            polled += clients.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polled, nfds_t(polled.count), 1000)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 || polled[0].revents != 0 { break }
            let clientOffset = isTCP ? 2 : 1
            if isTCP && polled[1].revents & Int16(POLLIN) != 0 { accept() }
            for entry in polled[clientOffset...] where entry.revents != 0 {
                serve(entry.fd, &query)
            }
        }
        shutdown()
    }

    private func accept() {
        var socket = listenSocket
        let client = modbus_tcp_pi_accept(context, &socket)
        if client >= 0 { clients.append(client) }
    }

    private func serve(_ fd: Int32, _ query: inout [UInt8]) {
        _ = modbus_set_socket(context, fd)
        let length = modbus_receive(context, &query)
        if length < 0 {
            if isTCP {
                close(fd)
                clients.removeAll { $0 == fd }
            } else {
                _ = modbus_flush(context)
            }
            return
        }
        guard length > 0 else { return }
        let unit = query[headerLength - 1]
        guard let bank = lookup(unit) else {
            if isTCP { _ = modbus_reply_exception(context, query, UInt32(MODBUS_EXCEPTION_GATEWAY_TARGET)) }
            return
        }
        switch bank.fault {
        case .noAnswer?:
            return
        case .exception(let code)?:
            _ = modbus_reply_exception(context, query, UInt32(code))
            return
        case .delay(let duration)?:
            let (seconds, attoseconds) = duration.components
            usleep(UInt32(clamping: seconds * 1_000_000 + attoseconds / 1_000_000_000_000))
        case nil:
            break
        }
        let hooks = bank.state.withLock { state -> [RegisterBank.WriteHook] in
            _ = modbus_reply(context, query, length, state.mapping)
            return state.hooks
        }
        if let (table, address, count) = writtenRange(query), !hooks.isEmpty {
            for hook in hooks { hook(table, address, count) }
        }
    }

    /// The table and range a write request changed.
    private func writtenRange(_ query: [UInt8]) -> (ModbusTable, UInt16, Int)? {
        let function = query[headerLength]
        let address = UInt16(query[headerLength + 1]) << 8 | UInt16(query[headerLength + 2])
        let quantity = Int(query[headerLength + 3]) << 8 | Int(query[headerLength + 4])
        switch function {
        case 5: return (.coil, address, 1)
        case 6: return (.holdingRegister, address, 1)
        case 15: return (.coil, address, quantity)
        case 16: return (.holdingRegister, address, quantity)
        default: return nil
        }
    }

    private func shutdown() {
        if isTCP {
            for client in clients { close(client) }
            close(listenSocket)
        } else {
            modbus_close(context)
        }
        clients.removeAll()
        modbus_free(context)
        Self.closePipe([wakePipe.read, wakePipe.write])
    }

    private static func closePipe(_ fds: [Int32]) {
        for fd in fds { close(fd) }
    }

    private static func boundPort(of socket: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let rc = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return rc == 0 ? Int(UInt16(bigEndian: address.sin_port)) : 0
    }
}
