import Foundation
import Hummingbird
import HummingbirdTesting
import StationAPI
import StationController
import Testing

@Suite struct LocalAPITests {
    func app(_ h: ControllerHarness, metrics: StationMetrics = StationMetrics()) -> some ApplicationProtocol {
        Application(router: LocalAPI(controller: h.controller, metrics: metrics).router())
    }

    @Test func statusShowsSocketsGridBatteryAndTheDecision() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        await h.cycle()
        try await app(h).test(.router) { client in
            try await client.execute(uri: "/api/status", method: .get) { response in
                #expect(response.status == .ok)
                let status = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: Data(buffer: response.body))
                #expect(status.stationId == "DEMO-001")
                #expect(status.sockets.map(\.id) == [1, 2])
                #expect(status.sockets[0].status == "Charging")
                #expect(status.sockets[0].session != nil)
                #expect(status.grid.powerW == 3_000)
                #expect(status.grid.capW == 22_000)
                #expect(status.grid.data.quality == "fresh")
                #expect(status.battery?.socPct == 60)
                #expect(status.mode != nil)
                #expect(!status.reasons.isEmpty)
            }
        }
        await h.stop()
    }

    @Test func technicianDisablesAndEnablesASocket() async throws {
        let h = try ControllerHarness()
        await h.cycle()
        try await app(h).test(.router) { client in
            let body = try StationAPIJSON.encoder().encode(SocketAvailabilityRequest(actor: "fabio", reason: "routine check"))
            try await client.execute(uri: "/api/sockets/2/disable", method: .post, body: ByteBuffer(data: body)) { response in
                #expect(response.status == .ok)
                let status = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: Data(buffer: response.body))
                let socket = try #require(status.sockets.first { $0.id == 2 })
                #expect(socket.status == "Unavailable")
                #expect(socket.disabledBy.first?.actor == "fabio")
                #expect(status.audit.last?.reason == "routine check")
            }
            let enable = try StationAPIJSON.encoder().encode(SocketAvailabilityRequest(actor: "fabio", reason: ""))
            try await client.execute(uri: "/api/sockets/2/enable", method: .post, body: ByteBuffer(data: enable)) { response in
                let status = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: Data(buffer: response.body))
                #expect(status.sockets.first { $0.id == 2 }?.status == "Available")
                #expect(status.audit.count == 2)
            }
        }
        await h.stop()
    }

    @Test func badRequestsAreRefusedWithAReason() async throws {
        let h = try ControllerHarness()
        try await app(h).test(.router) { client in
            let noReason = try StationAPIJSON.encoder().encode(SocketAvailabilityRequest(actor: "fabio", reason: " "))
            try await client.execute(uri: "/api/sockets/1/disable", method: .post, body: ByteBuffer(data: noReason)) { response in
                #expect(response.status == .badRequest)
                let error = try StationAPIJSON.decoder().decode(APIErrorDocument.self, from: Data(buffer: response.body))
                #expect(error.error.contains("reason"))
            }
            let valid = try StationAPIJSON.encoder().encode(SocketAvailabilityRequest(actor: "fabio", reason: "x"))
            try await client.execute(uri: "/api/sockets/9/disable", method: .post, body: ByteBuffer(data: valid)) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/sockets/1/disable", method: .post, body: ByteBuffer(string: "not json")) { response in
                #expect(response.status == .badRequest)
            }
        }
        #expect(await h.controller.station.audit.isEmpty)
        await h.stop()
    }

    @Test func metricsAreInPrometheusTextFormat() async throws {
        let h = try ControllerHarness()
        let metrics = StationMetrics()
        let controller = StationController(
            configuration: h.configuration, hardware: h.controller.hardware, readings: h.controller.readings,
            clock: h.clock, metrics: metrics)
        h.clock.advance(by: .seconds(1))
        await h.poll()
        await controller.runCycle()
        try await Application(router: LocalAPI(controller: controller, metrics: metrics).router()).test(.router) { client in
            try await client.execute(uri: "/metrics", method: .get) { response in
                #expect(response.status == .ok)
                let text = String(buffer: response.body)
                #expect(text.contains("stationd_grid_power_watts 3000"))
                #expect(text.contains("stationd_grid_cap_watts 22000"))
                #expect(text.contains("stationd_control_cycles_total 1"))
                #expect(text.contains(#"stationd_socket_status{socket="1",status="Available"} 1"#))
            }
        }
        await h.stop()
    }
}
