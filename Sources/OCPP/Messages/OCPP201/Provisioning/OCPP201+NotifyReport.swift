public import Foundation

extension OCPP201 {
    /// One part of a device model report the CSMS asked for.
    public struct NotifyReportRequest: OCPP201.Request {
        public typealias Response = NotifyReportResponse
        public static let action = "NotifyReport"

        public var requestId: Int
        public var generatedAt: Date
        public var reportData: [ReportData]?
        /// "To be continued": more parts follow. Absent means false.
        public var tbc: Bool?
        /// The part number, from 0.
        public var seqNo: Int
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            requestId: Int,
            generatedAt: Date,
            reportData: [ReportData]? = nil,
            tbc: Bool? = nil,
            seqNo: Int,
            customData: CustomData? = nil
        ) {
            self.requestId = requestId
            self.generatedAt = generatedAt
            self.reportData = reportData
            self.tbc = tbc
            self.seqNo = seqNo
            self.customData = customData
        }
    }

    /// Acknowledges a NotifyReport.
    public struct NotifyReportResponse: OCPPPayload {
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }

    /// One variable in a report: its attributes and characteristics.
    public struct ReportData: Codable, Sendable, Hashable {
        public var component: Component
        public var variable: Variable
        public var variableAttributes: [VariableAttribute]
        public var variableCharacteristics: VariableCharacteristics?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            component: Component,
            variable: Variable,
            variableAttributes: [VariableAttribute],
            variableCharacteristics: VariableCharacteristics? = nil,
            customData: CustomData? = nil
        ) {
            self.component = component
            self.variable = variable
            self.variableAttributes = variableAttributes
            self.variableCharacteristics = variableCharacteristics
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case component
            case variable
            case variableAttributes = "variableAttribute"
            case variableCharacteristics
            case customData
        }
    }

    /// One attribute of a variable: its value and how it may change.
    public struct VariableAttribute: Codable, Sendable, Hashable {
        /// Absent means `Actual`.
        public var type: AttributeType?
        public var value: String?
        /// Absent means `ReadWrite`.
        public var mutability: Mutability?
        /// Absent means false.
        public var persistent: Bool?
        /// Absent means false.
        public var constant: Bool?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            type: AttributeType? = nil,
            value: String? = nil,
            mutability: Mutability? = nil,
            persistent: Bool? = nil,
            constant: Bool? = nil,
            customData: CustomData? = nil
        ) {
            self.type = type
            self.value = value
            self.mutability = mutability
            self.persistent = persistent
            self.constant = constant
            self.customData = customData
        }
    }

    /// The type, unit and limits of a variable.
    public struct VariableCharacteristics: Codable, Sendable, Hashable {
        public var unit: String?
        public var dataType: VariableDataType
        public var minLimit: Double?
        public var maxLimit: Double?
        public var valuesList: String?
        public var supportsMonitoring: Bool
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            unit: String? = nil,
            dataType: VariableDataType,
            minLimit: Double? = nil,
            maxLimit: Double? = nil,
            valuesList: String? = nil,
            supportsMonitoring: Bool,
            customData: CustomData? = nil
        ) {
            self.unit = unit
            self.dataType = dataType
            self.minLimit = minLimit
            self.maxLimit = maxLimit
            self.valuesList = valuesList
            self.supportsMonitoring = supportsMonitoring
            self.customData = customData
        }
    }

    /// The data type of a variable.
    public enum VariableDataType: String, Codable, Sendable, Hashable, CaseIterable {
        case string
        case decimal
        case integer
        case dateTime
        case boolean
        case optionList = "OptionList"
        case sequenceList = "SequenceList"
        case memberList = "MemberList"
    }

    /// Whether a variable can be read, written or both.
    public enum Mutability: String, Codable, Sendable, Hashable, CaseIterable {
        case readOnly = "ReadOnly"
        case writeOnly = "WriteOnly"
        case readWrite = "ReadWrite"
    }
}

extension OCPP201.NotifyReportRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("reportData", minimum: 1) { $0.reportData?.count },
    ]
}

extension OCPP201.ReportData: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("variableAttribute", minimum: 1, maximum: 4) { $0.variableAttributes.count },
    ]
}

extension OCPP201.VariableAttribute: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("value", 2500) { $0.value },
    ]
}

extension OCPP201.VariableCharacteristics: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("unit", 16) { $0.unit },
        .maxLength("valuesList", 1000) { $0.valuesList },
    ]
}
