extension OCPP201 {
    /// Writes variables of the device model.
    public struct SetVariablesRequest: OCPP201.Request {
        public typealias Response = SetVariablesResponse
        public static let action = "SetVariables"

        public var setVariableData: [SetVariableData]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(setVariableData: [SetVariableData], customData: CustomData? = nil) {
            self.setVariableData = setVariableData
            self.customData = customData
        }
    }

    /// One result per variable written.
    public struct SetVariablesResponse: OCPPPayload {
        public var setVariableResults: [SetVariableResult]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(setVariableResults: [SetVariableResult], customData: CustomData? = nil) {
            self.setVariableResults = setVariableResults
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case setVariableResults = "setVariableResult"
            case customData
        }
    }

    /// One variable to write, its attribute and the new value.
    public struct SetVariableData: Codable, Sendable, Hashable {
        /// Absent means `Actual`.
        public var attributeType: AttributeType?
        public var attributeValue: String
        public var component: Component
        public var variable: Variable
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            attributeType: AttributeType? = nil,
            attributeValue: String,
            component: Component,
            variable: Variable,
            customData: CustomData? = nil
        ) {
            self.attributeType = attributeType
            self.attributeValue = attributeValue
            self.component = component
            self.variable = variable
            self.customData = customData
        }
    }

    /// The outcome of writing one variable.
    public struct SetVariableResult: Codable, Sendable, Hashable {
        public var attributeType: AttributeType?
        public var attributeStatus: SetVariableStatus
        public var attributeStatusInfo: StatusInfo?
        public var component: Component
        public var variable: Variable
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            attributeType: AttributeType? = nil,
            attributeStatus: SetVariableStatus,
            attributeStatusInfo: StatusInfo? = nil,
            component: Component,
            variable: Variable,
            customData: CustomData? = nil
        ) {
            self.attributeType = attributeType
            self.attributeStatus = attributeStatus
            self.attributeStatusInfo = attributeStatusInfo
            self.component = component
            self.variable = variable
            self.customData = customData
        }
    }

    /// The outcome of writing one variable.
    public enum SetVariableStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case unknownComponent = "UnknownComponent"
        case unknownVariable = "UnknownVariable"
        case notSupportedAttributeType = "NotSupportedAttributeType"
        case rebootRequired = "RebootRequired"
    }
}

extension OCPP201.SetVariablesRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("setVariableData", minimum: 1) { $0.setVariableData.count },
    ]
}

extension OCPP201.SetVariablesResponse: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("setVariableResult", minimum: 1) { $0.setVariableResults.count },
    ]
}

extension OCPP201.SetVariableData: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("attributeValue", 1000) { $0.attributeValue },
    ]
}
