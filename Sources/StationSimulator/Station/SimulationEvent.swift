import Foundation
public import StationCore

/// Something that happened in the simulation: a vehicle came or went, a fault began or ended.
public struct SimulationEvent: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        case evArrived(socket: Int, ev: SimulatedEV)
        /// The vehicle left (its departure came or it was unplugged), with what it took this session.
        case evLeft(socket: Int, ev: SimulatedEV, delivered: WattHours)
        /// A scheduled vehicle found its socket occupied and drove on.
        case evTurnedAway(socket: Int, ev: SimulatedEV)
        case faultStarted(SimulatedDeviceID, SimulatedFault)
        case faultEnded(SimulatedDeviceID, SimulatedFault)
    }

    /// Simulation time since the start.
    public var at: Duration
    public var kind: Kind

    public init(at: Duration, kind: Kind) {
        self.at = at
        self.kind = kind
    }

    /// `[  5.0 s] socket 1: EV arrived (60 kWh at 30 %, 16 A × 3)`.
    public var description: String {
        let stamp = String(format: "[%7.1f s]", at.inSeconds)
        switch kind {
        case .evArrived(let socket, let ev):
            return "\(stamp) socket \(socket): EV arrived (\(ev))"
        case .evLeft(let socket, let ev, let delivered):
            return "\(stamp) socket \(socket): EV left at \(ev.soc.value.formatted1) % after taking \(delivered.kilowattHours.formatted1) kWh"
        case .evTurnedAway(let socket, let ev):
            return "\(stamp) socket \(socket): occupied, arriving EV (\(ev)) turned away"
        case .faultStarted(let device, let fault):
            return "\(stamp) \(device): fault \(fault) on"
        case .faultEnded(let device, let fault):
            return "\(stamp) \(device): fault \(fault) off"
        }
    }
}
