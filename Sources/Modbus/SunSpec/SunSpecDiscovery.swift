/// The SunSpec models a device announces after its "SunS" marker.
public struct SunSpecModelMap: Sendable, Hashable {
    /// One model: its id, the address of its first data register (after ID and L), and its length L.
    public struct Model: Sendable, Hashable {
        public let id: UInt16
        public let dataAddress: UInt16
        public let length: UInt16

        public init(id: UInt16, dataAddress: UInt16, length: UInt16) {
            self.id = id
            self.dataAddress = dataAddress
            self.length = length
        }
    }

    /// Where the "SunS" marker was found.
    public let baseAddress: UInt16
    public let models: [Model]

    public init(baseAddress: UInt16, models: [Model]) {
        self.baseAddress = baseAddress
        self.models = models
    }

    /// The first model with this id.
    public func model(_ id: UInt16) -> Model? {
        models.first { $0.id == id }
    }
}

/// Reads the SunSpec model chain of a device.
public enum SunSpecDiscovery {
    /// "SunS" in two registers.
    public static let marker: [UInt16] = [0x5375, 0x6E53]
    /// The model id that ends the chain.
    public static let endModelID: UInt16 = 0xFFFF
    public static let defaultBaseAddresses: [UInt16] = [40000, 0, 50000]

    /// Finds the marker at the first base address that has it and walks the chain of (ID, L) headers.
    public static func discover(
        on bus: ModbusBus, unit: UInt8, baseAddresses: [UInt16] = defaultBaseAddresses, maxModels: Int = 64
    ) async throws(ModbusError) -> SunSpecModelMap {
        var lastError: ModbusError?
        for base in baseAddresses {
            let header: [UInt16]
            do {
                header = try await bus.readHoldingRegisters(unit: unit, address: base, count: 2)
            } catch {
                if error.code.exceptionCode == nil { throw error }
                lastError = error
                continue
            }
            guard header == marker else { continue }
            return try await walk(on: bus, unit: unit, base: base, maxModels: maxModels)
        }
        let tried = baseAddresses.map(String.init).joined(separator: ", ")
        throw ModbusError(.unexpectedReply, "no SunSpec marker \"SunS\" at \(tried) on unit \(unit)"
            + (lastError.map { " (last: \($0))" } ?? ""))
    }

    private static func walk(on bus: ModbusBus, unit: UInt8, base: UInt16, maxModels: Int) async throws(ModbusError) -> SunSpecModelMap {
        var models: [SunSpecModelMap.Model] = []
        var address = Int(base) + 2
        while models.count < maxModels {
            guard address + 2 <= 65536 else { break }
            let header = try await bus.readHoldingRegisters(unit: unit, address: UInt16(address), count: 2)
            let id = header[0]
            if id == endModelID || id == 0 { break }
            let length = header[1]
            guard address + 2 + Int(length) <= 65536 else {
                throw ModbusError(.unexpectedReply, "SunSpec model \(id) at \(address) claims \(length) registers past 65535")
            }
            models.append(.init(id: id, dataAddress: UInt16(address + 2), length: length))
            address += 2 + Int(length)
        }
        return SunSpecModelMap(baseAddress: base, models: models)
    }
}
