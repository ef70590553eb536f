import GPIO

/// An output line of `FakeGPIO`; driven inactive and released when this object goes.
final class FakeGPIOOutput: GPIOOutput {
    let address: GPIOLineAddress
    private let fake: FakeGPIO

    init(address: GPIOLineAddress, fake: FakeGPIO) {
        self.address = address
        self.fake = fake
    }

    deinit {
        fake.record(address, active: false)
        fake.release(address)
    }

    func set(_ active: Bool) throws {
        fake.record(address, active: active)
    }

    var isActive: Bool {
        get throws { fake.outputLevel(address) ?? false }
    }
}

/// An input line of `FakeGPIO`; released, and its streams finished, when this object goes.
final class FakeGPIOInput: GPIOInput {
    let address: GPIOLineAddress
    private let fake: FakeGPIO
    private let broadcast: GPIOChangeBroadcast

    init(address: GPIOLineAddress, fake: FakeGPIO, broadcast: GPIOChangeBroadcast) {
        self.address = address
        self.fake = fake
        self.broadcast = broadcast
    }

    deinit {
        fake.release(address)
        broadcast.finish()
    }

    func read() throws -> Bool {
        fake.inputLevel(address)
    }

    func changes() -> AsyncStream<GPIOInputChange> {
        broadcast.subscribe()
    }
}
