/// What load chargers send once the window opens.
public enum LoadMix: String, Sendable, CaseIterable {
    /// MeterValues outside any transaction, back to back.
    case meterValues = "meter-values"
    /// A transaction started before the window, then its meter readings (TransactionEvent Updated in 2.0.1,
    /// MeterValues with the transaction id in 1.6) alternating with MeterValues outside it, back to back.
    case transactions
}
