import Benchmark
import CPlainModbusClient
import Modbus

/// One loopback server for the whole run, so both clients talk to the same device.
private let device: (server: ModbusServer, port: Int)? = {
    guard let bank = try? RegisterBank() else { return nil }
    bank.set(.holdingRegister, 100, (0..<10).map { UInt16($0) * 111 })
    let server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: [1: bank])
    guard let port = try? server.start() else { return nil }
    return (server, port)
}()

private func latency() -> Benchmark.Configuration {
    Benchmark.Configuration(
    metrics: [.wallClock, .throughput, .cpuTotal],
    timeUnits: .microseconds,
    warmupIterations: 200,
    maxDuration: .seconds(5),
    maxIterations: 20_000
)
}

private func codec() -> Benchmark.Configuration {
    Benchmark.Configuration(
    metrics: [.wallClock, .throughput, .mallocCountTotal],
    timeUnits: .nanoseconds,
    maxDuration: .seconds(3),
    maxIterations: 1_000_000
)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark("Read 10 holding registers, Swift ModbusBus, caller on the shared pool", configuration: latency()) { benchmark in
        guard let device else { benchmark.error("loopback server did not start"); return }
        let bus = ModbusBus(.tcp(host: "127.0.0.1", port: device.port))
        _ = try await bus.readHoldingRegisters(unit: 1, address: 100, count: 10)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await bus.readHoldingRegisters(unit: 1, address: 100, count: 10))
        }
        benchmark.stopMeasurement()
        await bus.shutdown()
    }

    Benchmark("Read 10 holding registers, Swift ModbusBus, loop on the bus thread", configuration: latency()) { benchmark in
        guard let device else { benchmark.error("loopback server did not start"); return }
        let bus = ModbusBus(.tcp(host: "127.0.0.1", port: device.port))
        try await withTaskExecutorPreference(bus.thread) {
            _ = try await bus.readHoldingRegisters(unit: 1, address: 100, count: 10)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await bus.readHoldingRegisters(unit: 1, address: 100, count: 10))
            }
            benchmark.stopMeasurement()
        }
        await bus.shutdown()
    }

    Benchmark("Read 10 holding registers, plain C libmodbus", configuration: latency()) { benchmark in
        guard let device, let client = plain_modbus_connect("127.0.0.1", Int32(device.port), 1) else {
            benchmark.error("plain C client could not connect")
            return
        }
        var registers = [UInt16](repeating: 0, count: 10)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            guard plain_modbus_read_holding(client, 100, 10, &registers) == 10 else {
                benchmark.error("plain C read failed")
                break
            }
            blackHole(registers)
        }
        benchmark.stopMeasurement()
        plain_modbus_close(client)
    }

    Benchmark("Decode f32 + u32 + i16, both word orders", configuration: codec()) { benchmark in
        let words: [UInt16] = [0x4366, 0x4000, 0x1234, 0x5678, 0xFFFE]
        for _ in benchmark.scaledIterations {
            for order in [WordOrder.highFirst, .lowFirst] {
                blackHole(try RegisterCodec.decode(words[0..<2], as: .f32, wordOrder: order))
                blackHole(try RegisterCodec.decode(words[2..<4], as: .u32, wordOrder: order))
                blackHole(try RegisterCodec.decode(words[4..<5], as: .i16, wordOrder: order))
            }
        }
    }

    Benchmark("Encode f32 + i32 + u16, both word orders", configuration: codec()) { benchmark in
        for _ in benchmark.scaledIterations {
            for order in [WordOrder.highFirst, .lowFirst] {
                blackHole(try RegisterCodec.encode(number: 230.25, as: .f32, wordOrder: order))
                blackHole(try RegisterCodec.encode(number: -70_000, as: .i32, wordOrder: order))
                blackHole(try RegisterCodec.encode(number: 16, as: .u16, wordOrder: order))
            }
        }
    }
}
