public import Foundation

/// An OCPI object that checks the rules its JSON types alone do not enforce (lengths, ranges, patterns, pairings).
public protocol OCPIValidatable {
    /// Throws the first rule broken, naming the field below `path`.
    func validate(at path: FieldPath) throws(OCPIDecodingError)
}

extension Array: OCPIValidatable where Element: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        for (index, element) in enumerated() {
            try element.validate(at: path.index(index))
        }
    }
}

extension FieldPath {
    /// Checks a string field against its OCPI type; absent is fine (Codable already required what is required).
    public func text(_ value: String?, _ name: String, _ rule: TextRule) throws(OCPIDecodingError) {
        guard let value, let problem = rule.violation(of: value) else { return }
        throw failure(name, problem)
    }

    /// Checks each string of an array field against its OCPI type.
    public func texts(_ values: [String]?, _ name: String, _ rule: TextRule) throws(OCPIDecodingError) {
        for (index, value) in (values ?? []).enumerated() {
            if let problem = rule.violation(of: value) {
                throw OCPIDecodingError(field: key(name).index(index).text, message: problem)
            }
        }
    }

    /// Validates a nested object.
    public func object(_ value: (some OCPIValidatable)?, _ name: String) throws(OCPIDecodingError) {
        try value?.validate(at: key(name))
    }

    /// Validates each object of an array field; `atLeastOne` for the spec's "+" cardinality.
    public func objects(_ values: [some OCPIValidatable]?, _ name: String, atLeastOne: Bool = false) throws(OCPIDecodingError) {
        if atLeastOne { try nonEmpty(values, name) }
        try values?.validate(at: key(name))
    }

    /// The spec's "+" cardinality: when present, at least one element.
    public func nonEmpty<Element>(_ values: [Element]?, _ name: String) throws(OCPIDecodingError) {
        if let values, values.isEmpty { throw failure(name, "must hold at least one element") }
    }

    public func nonNegative(_ value: Decimal?, _ name: String) throws(OCPIDecodingError) {
        if let value, value < 0 { throw failure(name, "must not be negative") }
    }

    public func nonNegative(_ value: Int?, _ name: String) throws(OCPIDecodingError) {
        if let value, value < 0 { throw failure(name, "must not be negative") }
    }

    public func check(_ condition: Bool, _ name: String, _ message: String) throws(OCPIDecodingError) {
        if !condition { throw failure(name, message) }
    }
}
