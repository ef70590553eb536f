extension OCPP201 {
    /// A part of the charging station in the device model, optionally on one EVSE.
    public struct Component: Codable, Sendable, Hashable {
        public var evse: EVSE?
        public var name: String
        public var instance: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evse: EVSE? = nil, name: String, instance: String? = nil, customData: CustomData? = nil) {
            self.evse = evse
            self.name = name
            self.instance = instance
            self.customData = customData
        }
    }

    /// A variable of a component in the device model.
    public struct Variable: Codable, Sendable, Hashable {
        public var name: String
        public var instance: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(name: String, instance: String? = nil, customData: CustomData? = nil) {
            self.name = name
            self.instance = instance
            self.customData = customData
        }
    }

    /// Which value of a variable: the actual one, a target, or a limit.
    public enum AttributeType: String, Codable, Sendable, Hashable, CaseIterable {
        case actual = "Actual"
        case target = "Target"
        case minSet = "MinSet"
        case maxSet = "MaxSet"
    }
}

extension OCPP201.Component: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("name", 50) { $0.name },
        .maxLength("instance", 50) { $0.instance },
    ]
}

extension OCPP201.Variable: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("name", 50) { $0.name },
        .maxLength("instance", 50) { $0.instance },
    ]
}
