import CModbus

/// One libmodbus client context and its connection state. Confined to its bus's thread.
final class LibmodbusClientConnection {
    let endpoint: ModbusEndpoint
    private var context: OpaquePointer?
    private var connected = false
    private var flushBeforeNext = false

    init(endpoint: ModbusEndpoint) {
        self.endpoint = endpoint
    }

    deinit {
        if let context {
            modbus_close(context)
            modbus_free(context)
        }
    }

    var isConnected: Bool { connected }

    /// Runs one libmodbus call for `unit`, connecting first if needed; a negative result becomes a typed error.
    func transact<Result>(
        unit: UInt8, _ operation: @autoclosure () -> String, _ call: (OpaquePointer) -> (Int32, Result)
    ) throws(ModbusError) -> Result {
        let context = try connectedContext()
        guard modbus_set_slave(context, Int32(unit)) == 0 else {
            throw ModbusError(.invalidArgument, "unit id \(unit) is not valid on \(endpoint)")
        }
        if flushBeforeNext {
            _ = modbus_flush(context)
            flushBeforeNext = false
        }
        let (rc, result) = call(context)
        guard rc >= 0 else {
            let error = ModbusError.fromErrno("\(operation()) unit \(unit) on \(endpoint)")
            recover(after: error)
            throw error
        }
        return result
    }

    /// Closes the connection; the next transaction reconnects.
    func close() {
        if let context, connected { modbus_close(context) }
        connected = false
    }

    private func recover(after error: ModbusError) {
        if error.code.breaksConnection {
            close()
            return
        }
        switch (error.code, endpoint.transport) {
        case (.timeout, .tcp):
            // A late answer would arrive as the reply to the next request: start a clean connection.
            close()
        case (.timeout, .rtu), (.badCRC, _), (.unexpectedReply, _):
            flushBeforeNext = true
        default:
            break
        }
    }

    private func connectedContext() throws(ModbusError) -> OpaquePointer {
        let context = try existingOrNewContext()
        if !connected {
            guard modbus_connect(context) == 0 else {
                let error = ModbusError.fromErrno("connect to \(endpoint)")
                modbus_close(context)
                throw error
            }
            connected = true
        }
        return context
    }

    private func existingOrNewContext() throws(ModbusError) -> OpaquePointer {
        if let context { return context }
        let created: OpaquePointer?
        switch endpoint.transport {
        case .tcp(let host, let port):
            created = modbus_new_tcp_pi(host, String(port))
        case .rtu(let line):
            created = modbus_new_rtu(
                line.device, Int32(line.baud), line.parity.libmodbusCharacter, Int32(line.dataBits), Int32(line.stopBits))
        }
        guard let created else { throw ModbusError.fromErrno("create context for \(endpoint)") }
        let (rs, ru) = endpoint.responseTimeout.secondsAndMicroseconds
        let (bs, bu) = endpoint.byteTimeout.secondsAndMicroseconds
        _ = modbus_set_response_timeout(created, rs, ru)
        _ = modbus_set_byte_timeout(created, bs, bu)
        _ = modbus_set_error_recovery(created, MODBUS_ERROR_RECOVERY_NONE)
        context = created
        return created
    }
}
