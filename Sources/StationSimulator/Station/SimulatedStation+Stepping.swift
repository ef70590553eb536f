import StationCore

extension SimulatedStation {
    /// Advances every device by `dt`, then applies what the scenario schedules up to the new time.
    ///
    /// Powers hold over the step at their values at its start (masters' writes since the last step included);
    /// returns the step's events.
    @discardableResult
    public func step(by dt: Duration) -> [SimulationEvent] {
        guard dt > .zero else { return [] }
        return state.withLock { state in
            var events = applyDue(&state)
            gridMeter.setPower(sitePower(state))
            gridMeter.step(by: dt)
            for socket in sockets { socket.step(by: dt) }
            battery?.step(by: dt)
            state.elapsed += dt
            events += departures(state)
            events += applyDue(&state)
            gridMeter.setPower(sitePower(state))
            emit(events)
            return events
        }
    }

    /// The power at the grid connection: base load − PV + sockets − battery (positive = import).
    func sitePower(_ state: State) -> Watts {
        let sockets = sockets.reduce(Watts.zero) { $0 + $1.snapshot.power }
        return baseLoad(state) - pv(state) + sockets - (battery?.snapshot.power ?? 0)
    }

    func baseLoad(_ state: State) -> Watts {
        state.baseLoadOverride ?? scenario.baseLoad.power(elapsed: state.elapsed, timeOfDay: timeOfDay(state))
    }

    func pv(_ state: State) -> Watts {
        state.pvOverride ?? scenario.pv?.power(elapsed: state.elapsed, timeOfDay: timeOfDay(state)) ?? 0
    }

    private func timeOfDay(_ state: State) -> Duration {
        let seconds = (startTimeOfDay + state.elapsed).inSeconds
        return .seconds(seconds.truncatingRemainder(dividingBy: ScenarioTime.day.inSeconds))
    }

    /// Unplugs every vehicle whose departure has come.
    private func departures(_ state: State) -> [SimulationEvent] {
        sockets.filter(\.departureDue).compactMap { socket in
            let delivered = socket.snapshot.sessionEnergy
            return socket.unplug().map {
                SimulationEvent(at: state.elapsed, kind: .evLeft(socket: socket.socketID, ev: $0, delivered: delivered))
            }
        }
    }

    /// Applies the scheduled actions due by now.
    func applyDue(_ state: inout State) -> [SimulationEvent] {
        state.timeline.takeDue(upTo: state.elapsed).compactMap { action in
            switch action {
            case .faultEnd(let window, let device):
                return endFault(on: device, window: window, &state)
            case .faultStart(let window, let fault):
                return startFault(fault.fault, on: fault.device, window: window, &state)
            case .arrival(let arrival):
                guard let socket = socket(arrival.socket) else { return nil }
                var ev = arrival.ev
                if case .after(let stay) = ev.departure {
                    ev.departure = .after(stay - (state.elapsed - arrival.at))  // leave on time after a late step
                }
                let kind: SimulationEvent.Kind = socket.plugIn(ev)
                    ? .evArrived(socket: arrival.socket, ev: ev)
                    : .evTurnedAway(socket: arrival.socket, ev: ev)
                return SimulationEvent(at: state.elapsed, kind: kind)
            }
        }
    }

    /// Shows `fault` on `id` (replacing any fault there).
    func startFault(_ fault: SimulatedFault, on id: SimulatedDeviceID, window: Int?, _ state: inout State) -> SimulationEvent? {
        guard let device = device(id) else { return nil }
        device.show(fault)
        state.faults[id] = ActiveFault(fault: fault, window: window)
        return SimulationEvent(at: state.elapsed, kind: .faultStarted(id, fault))
    }

    /// Ends the fault on `id`; with a window, only if that window's fault is still the one shown.
    func endFault(on id: SimulatedDeviceID, window: Int?, _ state: inout State) -> SimulationEvent? {
        guard let active = state.faults[id], window == nil || active.window == window, let device = device(id) else { return nil }
        device.show(nil)
        state.faults[id] = nil
        return SimulationEvent(at: state.elapsed, kind: .faultEnded(id, active.fault))
    }

    func emit(_ events: [SimulationEvent]) {
        for event in events { eventSink.yield(event) }
    }
}
