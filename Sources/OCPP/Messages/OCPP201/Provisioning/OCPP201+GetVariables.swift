extension OCPP201 {
    /// Reads variables of the device model.
    public struct GetVariablesRequest: OCPP201.Request {
        public typealias Response = GetVariablesResponse
        public static let action = "GetVariables"

        public var getVariableData: [GetVariableData]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(getVariableData: [GetVariableData], customData: CustomData? = nil) {
            self.getVariableData = getVariableData
            self.customData = customData
        }
    }

    /// One result per variable asked for.
    public struct GetVariablesResponse: OCPPPayload {
        public var getVariableResults: [GetVariableResult]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(getVariableResults: [GetVariableResult], customData: CustomData? = nil) {
            self.getVariableResults = getVariableResults
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case getVariableResults = "getVariableResult"
            case customData
        }
    }

    /// One variable to read, and which of its attributes.
    public struct GetVariableData: Codable, Sendable, Hashable {
        /// Absent means `Actual`.
        public var attributeType: AttributeType?
        public var component: Component
        public var variable: Variable
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            attributeType: AttributeType? = nil,
            component: Component,
            variable: Variable,
            customData: CustomData? = nil
        ) {
            self.attributeType = attributeType
            self.component = component
            self.variable = variable
            self.customData = customData
        }
    }

    /// The value of one variable, or why there is none.
    public struct GetVariableResult: Codable, Sendable, Hashable {
        public var attributeStatusInfo: StatusInfo?
        public var attributeStatus: GetVariableStatus
        public var attributeType: AttributeType?
        public var attributeValue: String?
        public var component: Component
        public var variable: Variable
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            attributeStatusInfo: StatusInfo? = nil,
            attributeStatus: GetVariableStatus,
            attributeType: AttributeType? = nil,
            attributeValue: String? = nil,
            component: Component,
            variable: Variable,
            customData: CustomData? = nil
        ) {
            self.attributeStatusInfo = attributeStatusInfo
            self.attributeStatus = attributeStatus
            self.attributeType = attributeType
            self.attributeValue = attributeValue
            self.component = component
            self.variable = variable
            self.customData = customData
        }
    }

    /// The outcome of reading one variable.
    public enum GetVariableStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case unknownComponent = "UnknownComponent"
        case unknownVariable = "UnknownVariable"
        case notSupportedAttributeType = "NotSupportedAttributeType"
    }
}

extension OCPP201.GetVariablesRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("getVariableData", minimum: 1) { $0.getVariableData.count },
    ]
}

extension OCPP201.GetVariablesResponse: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("getVariableResult", minimum: 1) { $0.getVariableResults.count },
    ]
}

extension OCPP201.GetVariableResult: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("attributeValue", 2500) { $0.attributeValue },
    ]
}
