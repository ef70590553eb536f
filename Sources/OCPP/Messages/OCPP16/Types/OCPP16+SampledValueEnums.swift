extension OCPP16 {
    /// Why a reading was taken.
    public enum ReadingContext: String, Codable, Sendable, Hashable, CaseIterable {
        case interruptionBegin = "Interruption.Begin"
        case interruptionEnd = "Interruption.End"
        case sampleClock = "Sample.Clock"
        case samplePeriodic = "Sample.Periodic"
        case transactionBegin = "Transaction.Begin"
        case transactionEnd = "Transaction.End"
        case trigger = "Trigger"
        case other = "Other"
    }

    /// Whether a value is plain or signed data.
    public enum ValueFormat: String, Codable, Sendable, Hashable, CaseIterable {
        case raw = "Raw"
        case signedData = "SignedData"
    }

    /// What a reading measures.
    public enum Measurand: String, Codable, Sendable, Hashable, CaseIterable {
        case energyActiveExportRegister = "Energy.Active.Export.Register"
        case energyActiveImportRegister = "Energy.Active.Import.Register"
        case energyReactiveExportRegister = "Energy.Reactive.Export.Register"
        case energyReactiveImportRegister = "Energy.Reactive.Import.Register"
        case energyActiveExportInterval = "Energy.Active.Export.Interval"
        case energyActiveImportInterval = "Energy.Active.Import.Interval"
        case energyReactiveExportInterval = "Energy.Reactive.Export.Interval"
        case energyReactiveImportInterval = "Energy.Reactive.Import.Interval"
        case powerActiveExport = "Power.Active.Export"
        case powerActiveImport = "Power.Active.Import"
        case powerOffered = "Power.Offered"
        case powerReactiveExport = "Power.Reactive.Export"
        case powerReactiveImport = "Power.Reactive.Import"
        case powerFactor = "Power.Factor"
        case currentImport = "Current.Import"
        case currentExport = "Current.Export"
        case currentOffered = "Current.Offered"
        case voltage = "Voltage"
        case frequency = "Frequency"
        case temperature = "Temperature"
        case soc = "SoC"
        case rpm = "RPM"
    }

    /// The phase or phases a reading is taken on.
    public enum Phase: String, Codable, Sendable, Hashable, CaseIterable {
        case l1 = "L1"
        case l2 = "L2"
        case l3 = "L3"
        case n = "N"
        case l1N = "L1-N"
        case l2N = "L2-N"
        case l3N = "L3-N"
        case l1L2 = "L1-L2"
        case l2L3 = "L2-L3"
        case l3L1 = "L3-L1"
    }

    /// Where a reading is taken.
    public enum Location: String, Codable, Sendable, Hashable, CaseIterable {
        case cable = "Cable"
        case ev = "EV"
        case inlet = "Inlet"
        case outlet = "Outlet"
        case body = "Body"
    }

    /// The unit of a reading (`Celcius` is the schema's misspelling, accepted beside `Celsius`).
    public enum UnitOfMeasure: String, Codable, Sendable, Hashable, CaseIterable {
        case wattHours = "Wh"
        case kilowattHours = "kWh"
        case varHours = "varh"
        case kilovarHours = "kvarh"
        case watts = "W"
        case kilowatts = "kW"
        case voltAmperes = "VA"
        case kilovoltAmperes = "kVA"
        case vars = "var"
        case kilovars = "kvar"
        case amperes = "A"
        case volts = "V"
        case kelvin = "K"
        case celcius = "Celcius"
        case celsius = "Celsius"
        case fahrenheit = "Fahrenheit"
        case percent = "Percent"
        case hertz = "Hertz"
    }
}
