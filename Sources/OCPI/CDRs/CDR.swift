public import Foundation
public import Tariffs

/// The record of a finished charging session, with what it cost: the CPO's charging-completed message (OCPI CDR).
public struct CDR: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var id: String
    public var startDateTime: OCPIDateTime
    public var endDateTime: OCPIDateTime
    public var sessionID: String?
    public var cdrToken: CdrToken
    public var authMethod: AuthMethod
    public var authorizationReference: String?
    public var cdrLocation: CdrLocation
    public var meterID: String?
    public var currency: String
    public var tariffs: [Tariff]?
    public var chargingPeriods: [ChargingPeriod]
    public var signedData: SignedData?
    public var totalCost: Price
    public var totalFixedCost: Price?
    public var totalEnergy: Decimal
    public var totalEnergyCost: Price?
    public var totalTime: Decimal
    public var totalTimeCost: Price?
    public var totalParkingTime: Decimal?
    public var totalParkingCost: Price?
    public var totalReservationCost: Price?
    public var remark: String?
    public var invoiceReferenceID: String?
    public var credit: Bool?
    public var creditReferenceID: String?
    public var homeChargingCompensation: Bool?
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, id: String, startDateTime: OCPIDateTime, endDateTime: OCPIDateTime,
        sessionID: String? = nil, cdrToken: CdrToken, authMethod: AuthMethod, authorizationReference: String? = nil,
        cdrLocation: CdrLocation, meterID: String? = nil, currency: String, tariffs: [Tariff]? = nil,
        chargingPeriods: [ChargingPeriod], signedData: SignedData? = nil, totalCost: Price,
        totalFixedCost: Price? = nil, totalEnergy: Decimal, totalEnergyCost: Price? = nil, totalTime: Decimal,
        totalTimeCost: Price? = nil, totalParkingTime: Decimal? = nil, totalParkingCost: Price? = nil,
        totalReservationCost: Price? = nil, remark: String? = nil, invoiceReferenceID: String? = nil,
        credit: Bool? = nil, creditReferenceID: String? = nil, homeChargingCompensation: Bool? = nil,
        lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.id = id
        self.startDateTime = startDateTime
        self.endDateTime = endDateTime
        self.sessionID = sessionID
        self.cdrToken = cdrToken
        self.authMethod = authMethod
        self.authorizationReference = authorizationReference
        self.cdrLocation = cdrLocation
        self.meterID = meterID
        self.currency = currency
        self.tariffs = tariffs
        self.chargingPeriods = chargingPeriods
        self.signedData = signedData
        self.totalCost = totalCost
        self.totalFixedCost = totalFixedCost
        self.totalEnergy = totalEnergy
        self.totalEnergyCost = totalEnergyCost
        self.totalTime = totalTime
        self.totalTimeCost = totalTimeCost
        self.totalParkingTime = totalParkingTime
        self.totalParkingCost = totalParkingCost
        self.totalReservationCost = totalReservationCost
        self.remark = remark
        self.invoiceReferenceID = invoiceReferenceID
        self.credit = credit
        self.creditReferenceID = creditReferenceID
        self.homeChargingCompensation = homeChargingCompensation
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", id, startDateTime = "start_date_time"
        case endDateTime = "end_date_time", sessionID = "session_id", cdrToken = "cdr_token"
        case authMethod = "auth_method", authorizationReference = "authorization_reference"
        case cdrLocation = "cdr_location", meterID = "meter_id", currency, tariffs
        case chargingPeriods = "charging_periods", signedData = "signed_data", totalCost = "total_cost"
        case totalFixedCost = "total_fixed_cost", totalEnergy = "total_energy"
        case totalEnergyCost = "total_energy_cost", totalTime = "total_time", totalTimeCost = "total_time_cost"
        case totalParkingTime = "total_parking_time", totalParkingCost = "total_parking_cost"
        case totalReservationCost = "total_reservation_cost", remark, invoiceReferenceID = "invoice_reference_id"
        case credit, creditReferenceID = "credit_reference_id"
        case homeChargingCompensation = "home_charging_compensation", lastUpdated = "last_updated"
    }
}

extension CDR: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(id, "id", .ciString(max: 39))
        try path.text(sessionID, "session_id", .ciString(max: 36))
        try path.object(cdrToken, "cdr_token")
        try path.text(authorizationReference, "authorization_reference", .ciString(max: 36))
        try path.object(cdrLocation, "cdr_location")
        try path.text(meterID, "meter_id", .string(max: 255))
        try path.text(currency, "currency", .stringOfLength(3))
        try path.objects(tariffs, "tariffs")
        try path.objects(chargingPeriods, "charging_periods", atLeastOne: true)
        try path.object(signedData, "signed_data")
        try path.object(totalCost, "total_cost")
        try path.object(totalFixedCost, "total_fixed_cost")
        try path.nonNegative(totalEnergy, "total_energy")
        try path.object(totalEnergyCost, "total_energy_cost")
        try path.nonNegative(totalTime, "total_time")
        try path.object(totalTimeCost, "total_time_cost")
        try path.nonNegative(totalParkingTime, "total_parking_time")
        try path.object(totalParkingCost, "total_parking_cost")
        try path.object(totalReservationCost, "total_reservation_cost")
        try path.text(remark, "remark", .string(max: 255))
        try path.text(invoiceReferenceID, "invoice_reference_id", .ciString(max: 39))
        try path.text(creditReferenceID, "credit_reference_id", .ciString(max: 39))
        try path.check(startDateTime <= endDateTime, "end_date_time", "is before start_date_time")
        try path.check(credit != true || creditReferenceID != nil, "credit_reference_id", "is required when credit is true")
    }
}
