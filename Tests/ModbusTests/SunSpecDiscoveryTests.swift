import Modbus
import Testing

@Suite struct SunSpecDiscoveryTests {
    /// Lays out "SunS", then models (id, length) back to back, then the end marker.
    private func layout(_ bank: RegisterBank, base: UInt16, models: [(UInt16, UInt16)]) {
        bank.set(.holdingRegister, base, SunSpecDiscovery.marker)
        var address = base + 2
        for (id, length) in models {
            bank.set(.holdingRegister, address, [id, length])
            address += 2 + length
        }
        bank.set(.holdingRegister, address, [0xFFFF, 0])
    }

    @Test func walksTheModelChainFromTheMarker() async throws {
        let loop = try LoopbackServer()
        layout(try #require(loop.banks[1]), base: 40000, models: [(1, 66), (701, 153), (802, 62)])
        let map = try await SunSpecDiscovery.discover(on: loop.bus(), unit: 1)

        #expect(map.baseAddress == 40000)
        #expect(map.models.map(\.id) == [1, 701, 802])
        #expect(map.model(1)?.dataAddress == 40004)
        #expect(map.model(701)?.dataAddress == 40072)
        #expect(map.model(802)?.dataAddress == 40227)
        #expect(map.model(802)?.length == 62)
        loop.server.stop()
    }

    @Test func triesTheOtherBaseAddresses() async throws {
        let loop = try LoopbackServer()
        layout(try #require(loop.banks[1]), base: 50000, models: [(1, 66), (203, 105)])
        let map = try await SunSpecDiscovery.discover(on: loop.bus(), unit: 1)
        #expect(map.baseAddress == 50000)
        #expect(map.model(203)?.dataAddress == 50072)
        loop.server.stop()
    }

    @Test func deviceWithoutMarkerIsAClearError() async throws {
        let loop = try LoopbackServer()
        do {
            _ = try await SunSpecDiscovery.discover(on: loop.bus(), unit: 1)
            Issue.record("found SunSpec on a blank device")
        } catch {
            #expect(error.description.contains("no SunSpec marker"))
        }
        loop.server.stop()
    }
}
