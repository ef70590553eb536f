/// The driver's own energy supplier and contract, for a token (OCPI EnergyContract).
public struct EnergyContract: Codable, Sendable, Equatable {
    public var supplierName: String
    public var contractID: String?

    public init(supplierName: String, contractID: String? = nil) {
        self.supplierName = supplierName
        self.contractID = contractID
    }

    enum CodingKeys: String, CodingKey {
        case supplierName = "supplier_name", contractID = "contract_id"
    }
}

extension EnergyContract: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(supplierName, "supplier_name", .string(max: 64))
        try path.text(contractID, "contract_id", .string(max: 64))
    }
}
