public import StationCore

extension SimulatedStation {
    /// Plugs `ev` into socket `socket` now.
    public func plugIn(socket id: Int, ev: SimulatedEV) throws(SimulatorError) {
        guard let socket = socket(id) else { throw SimulatorError(.unknownDevice, "the station has no socket \(id)") }
        try state.withLock { (state) throws(SimulatorError) in
            guard socket.plugIn(ev) else { throw SimulatorError(.socketOccupied, "socket \(id) already has an EV plugged in") }
            settle(state, [SimulationEvent(at: state.elapsed, kind: .evArrived(socket: id, ev: ev))])
        }
    }

    /// Unplugs the vehicle at socket `socket` now and returns it (nil if none was plugged).
    @discardableResult
    public func unplug(socket id: Int) throws(SimulatorError) -> SimulatedEV? {
        guard let socket = socket(id) else { throw SimulatorError(.unknownDevice, "the station has no socket \(id)") }
        return state.withLock { state in
            let delivered = socket.snapshot.sessionEnergy
            guard let ev = socket.unplug() else { return nil }
            settle(state, [SimulationEvent(at: state.elapsed, kind: .evLeft(socket: id, ev: ev, delivered: delivered))])
            return ev
        }
    }

    /// Holds the base load at `power`; nil returns to the scenario's profile.
    public func setBaseLoad(_ power: Watts?) {
        state.withLock { state in
            state.baseLoadOverride = power
            settle(state, [])
        }
    }

    /// Holds the PV output at `power`; nil returns to the scenario's profile.
    public func setPV(_ power: Watts?) {
        state.withLock { state in
            state.pvOverride = power
            settle(state, [])
        }
    }

    /// Makes `device` show `fault` now, until `clearFault` (replaces any fault it shows).
    public func inject(fault: SimulatedFault, into device: SimulatedDeviceID) throws(SimulatorError) {
        guard self.device(device) != nil else { throw SimulatorError(.unknownDevice, "the station has no \(device)") }
        state.withLock { state in
            settle(state, startFault(fault, on: device, window: nil, &state).map { [$0] } ?? [])
        }
    }

    /// Makes `device` answer normally again now.
    public func clearFault(_ device: SimulatedDeviceID) throws(SimulatorError) {
        guard self.device(device) != nil else { throw SimulatorError(.unknownDevice, "the station has no \(device)") }
        state.withLock { state in
            settle(state, endFault(on: device, window: nil, &state).map { [$0] } ?? [])
        }
    }

    /// Schedules a fault window in simulation time; one that has already begun starts now.
    public func schedule(_ window: FaultWindow) throws(SimulatorError) {
        guard device(window.device) != nil else { throw SimulatorError(.unknownDevice, "the station has no \(window.device)") }
        state.withLock { state in
            let id = state.nextWindow
            state.nextWindow += 1
            state.timeline.add(.faultStart(window: id, window), at: window.from)
            if let end = window.to { state.timeline.add(.faultEnd(window: id, device: window.device), at: end) }
            settle(state, applyDue(&state))
        }
    }

    /// Schedules a vehicle's arrival in simulation time; one already due arrives now.
    public func schedule(_ arrival: EVArrival) throws(SimulatorError) {
        guard socket(arrival.socket) != nil else { throw SimulatorError(.unknownDevice, "the station has no socket \(arrival.socket)") }
        state.withLock { state in
            state.timeline.add(.arrival(arrival), at: arrival.at)
            settle(state, applyDue(&state))
        }
    }

    /// Everything the station shows now.
    public func snapshot() -> StationSnapshot {
        state.withLock { state in
            StationSnapshot(
                elapsed: state.elapsed, sockets: sockets.map(\.snapshot), battery: battery?.snapshot, grid: gridMeter.snapshot,
                baseLoad: baseLoad(state), pv: pv(state), faults: state.faults.mapValues(\.fault))
        }
    }

    /// Emits `events` and brings the meter up to date with a change made between steps.
    private func settle(_ state: State, _ events: [SimulationEvent]) {
        gridMeter.setPower(sitePower(state))
        emit(events)
    }
}
