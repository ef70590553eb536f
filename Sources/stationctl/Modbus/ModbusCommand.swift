import ArgumentParser

struct ModbusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modbus",
        abstract: "Commission Modbus devices: read and write any register, list SunSpec models.",
        discussion: """
            Examples:
              stationctl modbus read --tcp 192.168.1.50 --unit 1 --table input --address 100 --count 4
              stationctl modbus read --rtu /dev/ttyUSB0 --baud 19200 --parity even --unit 3 --address 40072 --type f32 --word-order little
              stationctl modbus write --tcp 10.0.0.7:502 --unit 1 --address 528 --type u16 16
              stationctl modbus sunspec --tcp 10.0.0.9 --unit 126 --json
            """,
        subcommands: [ModbusRead.self, ModbusWrite.self, ModbusSunSpec.self]
    )
}
