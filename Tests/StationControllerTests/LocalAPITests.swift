import Foundation
import Hummingbird
import HummingbirdTesting
import StationAPI
import StationConfig
import StationController
import Testing

@Suite struct LocalAPITests {
    func app(_ h: ControllerHarness, metrics: StationMetrics = StationMetrics()) -> some ApplicationProtocol {
        Application(router: LocalAPI(controller: h.controller, metrics: metrics).router())
    }

    @Test func statusShowsSocketsGridBatteryAndTheDecision() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        // The battery's step goes first; the socket's current follows a cycle later.
        await h.cycle()
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

@Suite struct LocalAPICommandTests {
    func post(_ client: some TestClientProtocol, _ uri: String, _ body: some Encodable) async throws -> (HTTPResponse.Status, Data) {
        try await client.execute(uri: uri, method: .post, body: ByteBuffer(data: try StationAPIJSON.encoder().encode(body))) {
            ($0.status, Data(buffer: $0.body))
        }
    }

    @Test func reservationHoldsASocketAndOnlyItsTokenMayStart() async throws {
        let h = try ControllerHarness { config in
            config.localAuthorization = [LocalAuthorization(idTag: "BOB", status: .accepted), LocalAuthorization(idTag: "EVE", status: .accepted)]
        }
        await h.cycle()
        try await Application(router: LocalAPI(controller: h.controller, metrics: StationMetrics()).router()).test(.router) { client in
            let (reserved, body) = try await post(client, "/api/sockets/1/reserve", ReservationRequest(idTag: "BOB", expiresInSeconds: 900))
            #expect(reserved == .ok)
            let status = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: body)
            #expect(status.sockets[0].status == "Reserved")
            #expect(status.sockets[0].reservation?.idTag == "BOB")

            let (other, _) = try await post(client, "/api/sockets/1/start", RemoteStartRequest(idTag: "EVE"))
            #expect(other == .conflict, "reserved for another token")
            let (unknown, _) = try await post(client, "/api/sockets/1/start", RemoteStartRequest(idTag: "MALLORY"))
            #expect(unknown == .unprocessableContent, "not on the local list")

            h.evse[1]!.set("cp_state", 66)
            await h.cycle()
            let (started, startBody) = try await post(client, "/api/sockets/1/start", RemoteStartRequest(idTag: "BOB"))
            #expect(started == .ok)
            let afterStart = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: startBody)
            #expect(afterStart.sockets[0].session?.idTag == "BOB")
            #expect(afterStart.sockets[0].reservation == nil, "the reservation was used")

            let (stopped, stopBody) = try await post(client, "/api/sockets/1/stop", [String: String]())
            #expect(stopped == .ok)
            let afterStop = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: stopBody)
            #expect(afterStop.sockets[0].session == nil)
            #expect(afterStop.sockets[0].status == "Finishing")

            let (none, _) = try await post(client, "/api/sockets/1/stop", [String: String]())
            #expect(none == .conflict, "no session to stop")
        }
        await h.stop()
    }

    @Test func cancellingAReservationFreesTheSocket() async throws {
        let h = try ControllerHarness()
        await h.cycle()
        try await Application(router: LocalAPI(controller: h.controller, metrics: StationMetrics()).router()).test(.router) { client in
            _ = try await post(client, "/api/sockets/2/reserve", ReservationRequest(idTag: "BOB", expiresInSeconds: 60))
            let (cancelled, body) = try await post(client, "/api/sockets/2/unreserve", [String: String]())
            #expect(cancelled == .ok)
            #expect(try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: body).sockets[1].status == "Available")
            let (again, _) = try await post(client, "/api/sockets/2/unreserve", [String: String]())
            #expect(again == .notFound)
        }
        await h.stop()
    }
}
