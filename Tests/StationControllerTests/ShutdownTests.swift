import Foundation
import Logging
import ServiceLifecycle
import StationController
import StationCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ShutdownTests {
    @Test func gracefulShutdownLeavesContactorsOpenSocketsDisabledAndBatteryIdle() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        let loop = ControlLoopService(
            controller: h.controller, period: .seconds(1), notifier: SystemdNotifier(environment: [:]),
            logger: Logger(label: "test"))
        let group = ServiceGroup(services: [loop], logger: Logger(label: "test"))
        let running = Task { try await group.run() }

        // Let the loop run cycles on the manual clock until the socket charges.
        for _ in 0..<20 {
            try await h.clock.waitForSleepers(count: 1)
            await h.poll()
            h.clock.advance(by: .seconds(1))
            if h.gpio.outputLevel(ControllerHarness.contactor(1)) == true { break }
        }
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == true)
        #expect(h.evse[1]!.value("enable") == 1)

        await group.triggerGracefulShutdown()
        try await running.value
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == false)
        #expect(h.evse[1]!.value("enable") == 0)
        #expect(h.battery.value("power_setpoint_w") == 0)
        await h.stop()
    }

    @Test func notifierSendsReadyAndWatchdogDatagrams() throws {
        #if canImport(Glibc)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("notify-\(UUID().uuidString).sock").path
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd); unlink(path) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            for (index, byte) in path.utf8.enumerated() { buffer[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let notifier = SystemdNotifier(environment: ["NOTIFY_SOCKET": path, "WATCHDOG_USEC": "5000000"])
        #expect(notifier.watchdogInterval == .seconds(5))
        func receive() -> String {
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = recv(fd, &buffer, buffer.count, 0)
            return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
        }
        notifier.ready(status: "controlling 2 sockets")
        #expect(receive() == "READY=1\nSTATUS=controlling 2 sockets")
        notifier.watchdog()
        #expect(receive() == "WATCHDOG=1")
        #endif
    }

    @Test func notifierIsSilentOutsideSystemd() {
        let notifier = SystemdNotifier(environment: [:])
        #expect(!notifier.isActive)
        notifier.ready(status: "nobody listens")
    }
}
