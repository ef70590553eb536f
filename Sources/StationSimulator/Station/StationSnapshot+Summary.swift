import StationCore

extension StationSnapshot {
    /// One status line: `t=35 s grid 22 kW | base 6 kW | s1 C 11 kW EV 35.2 % | s2 B 0 kW EV 20 % | bat 50 % -5 kW`.
    public var summary: String {
        var parts = ["t=\(elapsed.inSeconds.formatted1) s grid \(grid.power.kilowatts.formatted1) kW"]
        var site = "base \(baseLoad.kilowatts.formatted1) kW"
        if pv.value > 0 { site += " pv \(pv.kilowatts.formatted1) kW" }
        parts.append(site)
        for socket in sockets {
            var text = "s\(socket.id) \(socket.pilot.rawValue) \(socket.power.kilowatts.formatted1) kW"
            if let ev = socket.ev { text += " EV \(ev.soc.value.formatted1) %" }
            parts.append(text)
        }
        if let battery {
            parts.append("bat \(battery.soc.value.formatted1) % \(battery.power.kilowatts.formatted1) kW")
        }
        if !faults.isEmpty {
            parts.append("faults " + faults.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        return parts.joined(separator: " | ")
    }
}
