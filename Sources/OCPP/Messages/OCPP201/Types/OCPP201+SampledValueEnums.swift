extension OCPP201 {
    /// Why a reading was taken.
    public enum ReadingContext: String, Codable, Sendable, Hashable, CaseIterable {
        case interruptionBegin = "Interruption.Begin"
        case interruptionEnd = "Interruption.End"
        case other = "Other"
        case sampleClock = "Sample.Clock"
        case samplePeriodic = "Sample.Periodic"
        case transactionBegin = "Transaction.Begin"
        case transactionEnd = "Transaction.End"
        case trigger = "Trigger"
    }

    /// What a reading measures.
    public enum Measurand: String, Codable, Sendable, Hashable, CaseIterable {
        case currentExport = "Current.Export"
        case currentImport = "Current.Import"
        case currentOffered = "Current.Offered"
        case energyActiveExportRegister = "Energy.Active.Export.Register"
        case energyActiveImportRegister = "Energy.Active.Import.Register"
        case energyReactiveExportRegister = "Energy.Reactive.Export.Register"
        case energyReactiveImportRegister = "Energy.Reactive.Import.Register"
        case energyActiveExportInterval = "Energy.Active.Export.Interval"
        case energyActiveImportInterval = "Energy.Active.Import.Interval"
        case energyActiveNet = "Energy.Active.Net"
        case energyReactiveExportInterval = "Energy.Reactive.Export.Interval"
        case energyReactiveImportInterval = "Energy.Reactive.Import.Interval"
        case energyReactiveNet = "Energy.Reactive.Net"
        case energyApparentNet = "Energy.Apparent.Net"
        case energyApparentImport = "Energy.Apparent.Import"
        case energyApparentExport = "Energy.Apparent.Export"
        case frequency = "Frequency"
        case powerActiveExport = "Power.Active.Export"
        case powerActiveImport = "Power.Active.Import"
        case powerFactor = "Power.Factor"
        case powerOffered = "Power.Offered"
        case powerReactiveExport = "Power.Reactive.Export"
        case powerReactiveImport = "Power.Reactive.Import"
        case soc = "SoC"
        case voltage = "Voltage"
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
        case body = "Body"
        case cable = "Cable"
        case ev = "EV"
        case inlet = "Inlet"
        case outlet = "Outlet"
    }
}
