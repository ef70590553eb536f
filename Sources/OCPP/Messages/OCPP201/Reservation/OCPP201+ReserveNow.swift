public import Foundation

extension OCPP201 {
    /// Reserves an EVSE, or any EVSE with a connector type, for an idToken until `expiryDateTime`.
    public struct ReserveNowRequest: OCPP201.Request {
        public typealias Response = ReserveNowResponse
        public static let action = "ReserveNow"

        /// The reservation id.
        public var id: Int
        public var expiryDateTime: Date
        public var connectorType: ConnectorType?
        public var idToken: IdToken
        public var evseId: Int?
        public var groupIdToken: IdToken?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            id: Int,
            expiryDateTime: Date,
            connectorType: ConnectorType? = nil,
            idToken: IdToken,
            evseId: Int? = nil,
            groupIdToken: IdToken? = nil,
            customData: CustomData? = nil
        ) {
            self.id = id
            self.expiryDateTime = expiryDateTime
            self.connectorType = connectorType
            self.idToken = idToken
            self.evseId = evseId
            self.groupIdToken = groupIdToken
            self.customData = customData
        }
    }

    /// Whether the reservation was made.
    public struct ReserveNowResponse: OCPPPayload {
        public var status: ReserveNowStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: ReserveNowStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// A connector or socket type (c: captive cable, s: socket, w: wireless).
    public enum ConnectorType: String, Codable, Sendable, Hashable, CaseIterable {
        case cableCCS1 = "cCCS1"
        case cableCCS2 = "cCCS2"
        case cableCHAdeMO = "cG105"
        case cableTesla = "cTesla"
        case cableType1 = "cType1"
        case cableType2 = "cType2"
        case socketIEC60309SinglePhase16A = "s309-1P-16A"
        case socketIEC60309SinglePhase32A = "s309-1P-32A"
        case socketIEC60309ThreePhase16A = "s309-3P-16A"
        case socketIEC60309ThreePhase32A = "s309-3P-32A"
        case socketBS1361 = "sBS1361"
        case socketCEE77 = "sCEE-7-7"
        case socketType2 = "sType2"
        case socketType3 = "sType3"
        case other1PhaseMax16A = "Other1PhMax16A"
        case other1PhaseOver16A = "Other1PhOver16A"
        case other3Phase = "Other3Ph"
        case pantograph = "Pan"
        case wirelessInductive = "wInductive"
        case wirelessResonant = "wResonant"
        case undetermined = "Undetermined"
        case unknown = "Unknown"
    }

    /// The outcome of a ReserveNow.
    public enum ReserveNowStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case faulted = "Faulted"
        case occupied = "Occupied"
        case rejected = "Rejected"
        case unavailable = "Unavailable"
    }
}
