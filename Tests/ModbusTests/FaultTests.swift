import Modbus
import Testing

@Suite struct FaultTests {
    @Test func exceptionResponsesBecomeTypedErrors() async throws {
        let loop = try LoopbackServer(units: [1, 2])
        loop.banks[1]?.fault = .exception(2)
        loop.banks[2]?.fault = .exception(6)
        let bus = loop.bus()

        await #expect(throws: ModbusError.self) { try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1) }
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
        } catch {
            #expect(error.code == .illegalDataAddress)
            #expect(error.code.exceptionCode == 2)
        }
        do {
            try await bus.writeRegister(unit: 2, address: 0, value: 1)
        } catch {
            #expect(error.code == .serverDeviceBusy)
        }
        loop.server.stop()
    }

    @Test func unknownUnitGetsGatewayTargetException() async throws {
        let loop = try LoopbackServer(units: [1])
        let bus = loop.bus()
        do {
            _ = try await bus.readInputRegisters(unit: 9, address: 0, count: 1)
            Issue.record("a unit the server does not host answered")
        } catch {
            #expect(error.code == .gatewayTargetFailedToRespond)
        }
        loop.server.stop()
    }

    @Test func silentDeviceTimesOutWithinItsBoundAndTheBusStaysUsable() async throws {
        let loop = try LoopbackServer(units: [1, 2])
        loop.banks[1]?.fault = .noAnswer
        loop.banks[2]?.set(.holdingRegister, 0, [77])
        let bus = loop.bus(timeout: .milliseconds(200))

        let clock = ContinuousClock()
        let start = clock.now
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
            Issue.record("a silent device answered")
        } catch {
            #expect(error.code == .timeout)
        }
        let elapsed = clock.now - start
        #expect(elapsed >= .milliseconds(150))
        // Bounded, not hung: generous because the suite runs in parallel on a shared 2-core machine.
        #expect(elapsed < .seconds(30), "the response timeout bounds the wait")

        #expect(try await bus.readHoldingRegisters(unit: 2, address: 0, count: 1) == [77])
        loop.server.stop()
    }

    @Test func delayedAnswerWithinTheTimeoutIsAccepted() async throws {
        let loop = try LoopbackServer()
        loop.banks[1]?.fault = .delay(.milliseconds(50))
        loop.banks[1]?.set(.holdingRegister, 3, [9])
        let bus = loop.bus(timeout: .seconds(2))
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 3, count: 1) == [9])
        loop.server.stop()
    }

    @Test func lateAnswerAfterTimeoutDoesNotCorruptTheNextTransaction() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        bank.set(.holdingRegister, 0, [1, 2])
        // The simulated device answers one request at a time, so the retry waits behind the late answer.
        bank.fault = .delay(.milliseconds(400))
        let bus = loop.bus(timeout: .milliseconds(250))
        await #expect(throws: ModbusError.self) { try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1) }
        bank.fault = nil
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 1, count: 1) == [2])
        loop.server.stop()
    }

    @Test func peerThatGoesAwayAndComesBackIsReconnected() async throws {
        let first = try LoopbackServer()
        first.banks[1]?.set(.holdingRegister, 0, [1])
        let bus = first.bus()
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1) == [1])

        first.server.stop()
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
            Issue.record("read succeeded with the server gone")
        } catch {
            #expect([ModbusError.Code.connectionClosed, .connectionRefused].contains(error.code))
        }
        #expect(await bus.isConnected == false)

        let second = try LoopbackServer(port: first.port)
        second.banks[1]?.set(.holdingRegister, 0, [2])
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1) == [2])
        second.server.stop()
    }

    @Test func nobodyListeningIsConnectionRefused() async throws {
        let loop = try LoopbackServer()
        let port = loop.port
        loop.server.stop()
        let bus = ModbusBus(.tcp(host: "127.0.0.1", port: port))
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
        } catch {
            #expect(error.code == .connectionRefused)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }
    }

    @Test func missingSerialDeviceIsAClearError() async {
        let bus = ModbusBus(.rtu(SerialLine(device: "/dev/ttyNOPE0", baud: 19200, parity: .even)))
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
            Issue.record("opened a serial device that does not exist")
        } catch {
            #expect(error.code == .deviceUnavailable)
            #expect(error.description.contains("/dev/ttyNOPE0"))
        }
    }

    @Test func shutDownBusRefusesFurtherWork() async throws {
        let loop = try LoopbackServer()
        let bus = loop.bus()
        await bus.shutdown()
        do {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 0, count: 1)
        } catch {
            #expect(error.code == .shutdown)
        }
        loop.server.stop()
    }
}
