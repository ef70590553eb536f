import Modbus
import Testing

@Suite struct ConcurrencyTests {
    @Test func manyConcurrentCallersGetTheirOwnAnswers() async throws {
        let units: [UInt8] = [1, 2, 3, 4]
        let loop = try LoopbackServer(units: units)
        for unit in units {
            let bank = try #require(loop.banks[unit])
            bank.set(.holdingRegister, 0, (0..<100).map { UInt16(unit) * 1000 + $0 })
        }
        let bus = loop.bus()

        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for caller in 0..<64 {
                group.addTask {
                    let unit = units[caller % units.count]
                    var wrong = 0
                    for round in 0..<20 {
                        let address = UInt16((caller + round) % 90)
                        let values = try await bus.readHoldingRegisters(unit: unit, address: address, count: 10)
                        let expected = (0..<10).map { UInt16(unit) * 1000 + address + UInt16($0) }
                        if values != expected { wrong += 1 }
                    }
                    return wrong
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        loop.server.stop()
    }

    @Test func concurrentWritesAndReadsStaySerialised() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        let bus = loop.bus()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<32 {
                group.addTask {
                    let address = UInt16(writer * 4)
                    let values: [UInt16] = [UInt16(writer), UInt16(writer), UInt16(writer), UInt16(writer)]
                    try await bus.writeRegisters(unit: 1, address: address, values: values)
                    let back = try await bus.readHoldingRegisters(unit: 1, address: address, count: 4)
                    #expect(back == values)
                }
            }
            try await group.waitForAll()
        }
        #expect(bank.get(.holdingRegister, 124, count: 4) == [31, 31, 31, 31])
        loop.server.stop()
    }
}

@Suite struct BusThreadTests {
    @Test func pollerRunningOnTheBusThreadGetsCorrectAnswers() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        bank.set(.inputRegister, 0, [5, 6, 7])
        let bus = loop.bus()
        let sums = try await withTaskExecutorPreference(bus.thread) {
            var sums: [Int] = []
            for _ in 0..<50 {
                let values = try await bus.readInputRegisters(unit: 1, address: 0, count: 3)
                sums.append(values.reduce(0) { $0 + Int($1) })
            }
            return sums
        }
        #expect(sums == Array(repeating: 18, count: 50))
        loop.server.stop()
    }
}
