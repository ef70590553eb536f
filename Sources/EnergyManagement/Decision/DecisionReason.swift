/// Why a decision looks the way it does: a machine-readable code and a sentence for people.
public struct DecisionReason: Sendable, Hashable, CustomStringConvertible {
    /// A stable identifier of a reason; new codes do not break callers that switch on known ones.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// Grid meter data older than its bound.
        public static let gridMeterStale = Code("gridMeterStale")
        /// Grid meter did not answer, sent nothing, or sent a value that is not a number.
        public static let gridMeterFailed = Code("gridMeterFailed")
        /// The grid cap is not a number.
        public static let invalidGridCap = Code("invalidGridCap")
        /// Battery data older than its bound.
        public static let batteryStale = Code("batteryStale")
        /// Battery did not answer, or its reading or parameters are not usable.
        public static let batteryFailed = Code("batteryFailed")
        /// Battery settings (SoC bounds, efficiency, cycle cost) are not usable: battery idle.
        public static let invalidSettings = Code("invalidSettings")
        /// The battery discharges to keep import under the cap.
        public static let peakShaving = Code("peakShaving")
        /// Sockets get less than they could take.
        public static let curtailed = Code("curtailed")
        /// Some sockets are paused because the rest would otherwise fall below the minimum current.
        public static let socketsPaused = Code("socketsPaused")
        /// The plan charges the battery in a cheap slot.
        public static let cheapSlot = Code("cheapSlot")
        /// The plan discharges the battery in a dear slot.
        public static let dearSlot = Code("dearSlot")
        /// The battery recharges the reserve that peak shaving used.
        public static let reserveRecharge = Code("reserveRecharge")
        /// A SoC bound stops a charge or discharge that was wanted.
        public static let socBound = Code("socBound")
        /// The grid cap leaves less room for charging the battery than the plan wanted.
        public static let chargeLimitedByCap = Code("chargeLimitedByCap")
        /// A step that would raise import waits for earlier steps to settle.
        public static let stepHeld = Code("stepHeld")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }
}
