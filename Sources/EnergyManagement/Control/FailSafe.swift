import StationCore

/// The safe state while grid data cannot be trusted: every available socket at safe current, battery idle.
enum FailSafe {
    /// Limits for the safe state. A socket gets the safe current, not above its maximum, or 0 A when that
    /// would fall below the minimum current. Idle sockets get it too, so an EV that arrives can charge.
    static func decision(
        sockets: [SocketDemand],
        settings: ControlSettings,
        reason: DecisionReason,
        batteryReasons: [DecisionReason]
    ) -> SetpointDecision {
        var limits: [SocketID: Amperes] = [:]
        for socket in sockets where limits[socket.id] == nil {
            limits[socket.id] = safeLimit(for: socket, settings: settings)
        }
        return SetpointDecision(
            socketLimits: limits,
            batteryPower: .zero,
            mode: .failSafeGridMeter,
            reasons: [reason] + batteryReasons
        )
    }

    static func safeLimit(for socket: SocketDemand, settings: ControlSettings) -> Amperes {
        guard socket.state != .unavailable, socket.phases > 0, socket.maxCurrent.value.isFinite else { return .zero }
        let limit = min(settings.safeCurrent, socket.maxCurrent)
        return limit >= settings.minimumCurrent ? limit : .zero
    }

    /// The grid reading and cap when they can be controlled on, else the reason they cannot.
    static func checkGrid(_ inputs: EnergyInputs, settings: ControlSettings) -> GridCheck {
        let consequence = "sockets at safe current \(Text.amps(settings.safeCurrent)), battery idle"
        guard inputs.gridCap.value.isFinite else {
            return .untrusted(DecisionReason(.invalidGridCap, "grid cap is not a number: \(consequence)"))
        }
        switch inputs.gridQuality {
        case .stale: return .untrusted(DecisionReason(.gridMeterStale, "grid meter data stale: \(consequence)"))
        case .failed: return .untrusted(DecisionReason(.gridMeterFailed, "grid meter failed: \(consequence)"))
        case .fresh: break
        }
        guard let power = inputs.gridPower else {
            return .untrusted(DecisionReason(.gridMeterFailed, "grid meter sent no power reading: \(consequence)"))
        }
        guard power.value.isFinite else {
            return .untrusted(DecisionReason(.gridMeterFailed, "grid meter reading is not a number: \(consequence)"))
        }
        return .trusted(power: power, cap: max(inputs.gridCap, .zero))
    }
}

/// Whether the grid side of the inputs can be controlled on.
enum GridCheck {
    /// Fresh grid power and a usable cap (a negative cap counts as 0 W).
    case trusted(power: Watts, cap: Watts)
    case untrusted(DecisionReason)
}
