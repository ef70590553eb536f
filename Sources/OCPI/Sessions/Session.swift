public import Foundation
public import Tariffs

/// A charging session as it happens, from the CPO to the eMSP (OCPI Session).
public struct Session: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var id: String
    public var startDateTime: OCPIDateTime
    public var endDateTime: OCPIDateTime?
    public var kwh: Decimal
    public var cdrToken: CdrToken
    public var authMethod: AuthMethod
    public var authorizationReference: String?
    public var locationID: String
    public var evseUID: String
    public var connectorID: String
    public var meterID: String?
    public var currency: String
    public var chargingPeriods: [ChargingPeriod]?
    public var totalCost: Price?
    public var status: SessionStatus
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, id: String, startDateTime: OCPIDateTime,
        endDateTime: OCPIDateTime? = nil, kwh: Decimal, cdrToken: CdrToken, authMethod: AuthMethod,
        authorizationReference: String? = nil, locationID: String, evseUID: String, connectorID: String,
        meterID: String? = nil, currency: String, chargingPeriods: [ChargingPeriod]? = nil, totalCost: Price? = nil,
        status: SessionStatus, lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.id = id
        self.startDateTime = startDateTime
        self.endDateTime = endDateTime
        self.kwh = kwh
        self.cdrToken = cdrToken
        self.authMethod = authMethod
        self.authorizationReference = authorizationReference
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
        self.meterID = meterID
        self.currency = currency
        self.chargingPeriods = chargingPeriods
        self.totalCost = totalCost
        self.status = status
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", id, startDateTime = "start_date_time"
        case endDateTime = "end_date_time", kwh, cdrToken = "cdr_token", authMethod = "auth_method"
        case authorizationReference = "authorization_reference", locationID = "location_id", evseUID = "evse_uid"
        case connectorID = "connector_id", meterID = "meter_id", currency, chargingPeriods = "charging_periods"
        case totalCost = "total_cost", status, lastUpdated = "last_updated"
    }
}

extension Session: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(id, "id", .ciString(max: 36))
        try path.nonNegative(kwh, "kwh")
        try path.object(cdrToken, "cdr_token")
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.text(locationID, "location_id", .ciString(max: 36))
        try path.text(evseUID, "evse_uid", .ciString(max: 36))
        try path.text(connectorID, "connector_id", .ciString(max: 36))
        try path.text(meterID, "meter_id", .string(max: 255))
        try path.text(currency, "currency", .stringOfLength(3))
        try path.objects(chargingPeriods, "charging_periods")
        try path.object(totalCost, "total_cost")
        if let endDateTime { try path.check(startDateTime <= endDateTime, "end_date_time", "is before start_date_time") }
    }
}

/// Where a session is in its life (OCPI SessionStatus).
public enum SessionStatus: String, Codable, Sendable, CaseIterable {
    case active = "ACTIVE"
    case completed = "COMPLETED"
    case invalid = "INVALID"
    case pending = "PENDING"
    case reservation = "RESERVATION"
}
