import Modbus

/// A simulated piece of station hardware that serves its profile's registers and moves with time.
public protocol SimulatedDevice: AnyObject, Sendable {
    /// The registers masters read and write.
    var image: DeviceImage { get }
    /// Advances the device's physics by `dt`; deterministic, no clock reads.
    func step(by dt: Duration)
    /// Makes the device report garbage (true) or its real values again (false), at once.
    func showNonsense(_ active: Bool)
}

extension SimulatedDevice {
    /// Shows `fault` to masters, or answers normally again for `nil`.
    public func show(_ fault: SimulatedFault?) {
        switch fault {
        case .noAnswer?: image.bank.fault = .noAnswer
        case .exception(let code)?: image.bank.fault = .exception(code)
        case .delay(let duration)?: image.bank.fault = .delay(duration)
        case .nonsense?, nil: image.bank.fault = nil
        }
        showNonsense(fault == .nonsense)
    }
}
