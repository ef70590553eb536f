/// How a simulated device misbehaves towards its masters.
public enum SimulatedFault: Sendable, Hashable, CustomStringConvertible {
    /// Never answers (the master times out).
    case noAnswer
    /// Answers every request with this Modbus exception code.
    case exception(UInt8)
    /// Answers after this delay.
    case delay(Duration)
    /// Answers with garbage: pilot state 999, state of charge 250 %, meter power at the int16 extreme.
    case nonsense

    /// The spelling of scenarios and the command line: `no_answer`, `exception:4`, `delay:800ms`, `nonsense`.
    public var description: String {
        switch self {
        case .noAnswer: return "no_answer"
        case .exception(let code): return "exception:\(code)"
        case .delay(let duration): return "delay:\(Int(duration.inSeconds * 1000))ms"
        case .nonsense: return "nonsense"
        }
    }
}
