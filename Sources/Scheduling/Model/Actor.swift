/// Who asks the calendar for a change.
public enum Actor: Sendable, Hashable, Codable, CustomStringConvertible {
    /// An eMSP on behalf of its driver; bound by the booking terms and to its own bookings.
    case emsp(EMSPParty)
    /// A CPO admin: may change any entry and is not bound by the booking terms' deadlines.
    case admin(String)
    /// A technician: plans and changes maintenance blocks.
    case technician(String)

    public var description: String {
        switch self {
        case .emsp(let party): "eMSP \(party)"
        case .admin(let name): "admin \(name)"
        case .technician(let name): "technician \(name)"
        }
    }
}
