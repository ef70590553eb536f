/// Why a booking was canceled, and by whom (Bookings add-on Cancellation).
public struct Cancellation: Codable, Sendable, Equatable {
    public var cancellationReason: CanceledReason
    public var whoCanceled: Role

    public init(cancellationReason: CanceledReason, whoCanceled: Role) {
        self.cancellationReason = cancellationReason
        self.whoCanceled = whoCanceled
    }

    enum CodingKeys: String, CodingKey {
        case cancellationReason = "cancellation_reason", whoCanceled = "who_canceled"
    }
}

extension Cancellation: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        _ = path
    }
}
