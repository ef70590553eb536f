import Foundation
public import Tariffs

// The OCPI rules of the objects the Tariffs module defines (lengths it does not check), so that a tariff inside
// a CDR or a DisplayText inside a location is refused like any other field.

extension Tariff: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(id, "id", .ciString(max: 36))
        try path.objects(tariffAltText, "tariff_alt_text")
        try path.object(energyMix, "energy_mix")
        try path.object(minPrice, "min_price")
        try path.object(maxPrice, "max_price")
        do {
            try TariffValidation.validate(self)
        } catch {
            throw OCPIDecodingError(field: error.field.isEmpty ? path.text : path.key(error.field).text, message: error.message)
        }
    }
}

extension DisplayText: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(language, "language", .stringOfLength(2))
        try path.text(text, "text", .string(max: 512))
    }
}

extension Price: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonNegative(exclVAT, "excl_vat")
        try path.nonNegative(inclVAT, "incl_vat")
    }
}

extension EnergyMix: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(supplierName, "supplier_name", .string(max: 64))
        try path.text(energyProductName, "energy_product_name", .string(max: 64))
        for (index, source) in (energySources ?? []).enumerated() {
            try path.key("energy_sources").index(index).check(
                source.percentage >= 0 && source.percentage <= 100, "percentage", "must be 0 to 100")
        }
        for (index, impact) in (environImpact ?? []).enumerated() {
            try path.key("environ_impact").index(index).nonNegative(impact.amount, "amount")
        }
    }
}

extension ChargingPeriod: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonEmpty(dimensions, "dimensions")
        try path.text(tariffID, "tariff_id", .ciString(max: 36))
    }
}
