import OCPI
import OCPP

/// What a station's answer to a command's OCPP call means for the eMSP's CommandResult. Pure.
enum CommandOutcome {
    /// A station's answer, or why there is none.
    enum StationAnswer: Equatable {
        case answered(status: String)
        /// A CALLERROR or an answer that breaks the schema.
        case failed(String)
        case timeout
        /// Not connected, or the connection dropped before the answer.
        case notDelivered(String)
    }

    /// RequestStartTransaction, RequestStopTransaction: Accepted -> ACCEPTED, Rejected -> REJECTED.
    static func startStop(_ answer: StationAnswer) -> CommandResultType {
        map(answer) { $0 == OCPP201.RequestStartStopStatus.accepted.rawValue ? .accepted : .rejected }
    }

    /// UnlockConnector: Unlocked -> ACCEPTED; UnlockFailed -> FAILED; a transaction on it or an unknown connector -> REJECTED.
    static func unlock(_ answer: StationAnswer) -> CommandResultType {
        map(answer) {
            switch OCPP201.UnlockStatus(rawValue: $0) {
            case .unlocked: .accepted
            case .unlockFailed: .failed
            case .ongoingAuthorizedTransaction, .unknownConnector, nil: .rejected
            }
        }
    }

    /// ReserveNow: Accepted -> ACCEPTED; Occupied -> EVSE_OCCUPIED; Faulted, Unavailable -> EVSE_INOPERATIVE; Rejected -> REJECTED.
    static func reserve(_ answer: StationAnswer) -> CommandResultType {
        map(answer) {
            switch OCPP201.ReserveNowStatus(rawValue: $0) {
            case .accepted: .accepted
            case .occupied: .evseOccupied
            case .faulted, .unavailable: .evseInoperative
            case .rejected, nil: .rejected
            }
        }
    }

    private static func map(_ answer: StationAnswer, _ status: (String) -> CommandResultType) -> CommandResultType {
        switch answer {
        case .answered(let text): status(text)
        case .failed: .failed
        case .timeout: .timeout
        case .notDelivered: .failed
        }
    }
}
