import StationCore
import Testing

@Suite struct SocketStateMachineTests {
    @Test(arguments: [
        (ControlPilotState.a, false, SocketStatus.available),
        (.a, true, .reserved),
        (.b, false, .preparing),
        (.c, false, .preparing),
        (.e, false, .faulted),
        (.f, false, .faulted),
    ])
    func pilotStatesWithoutSessionMapToOCPPStatuses(pilot: ControlPilotState, reserved: Bool, expected: SocketStatus) {
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: pilot, reserved: reserved)) == expected)
    }

    @Test func runningSessionChargesOnlyWithCurrentOfferedAndEnergyRequested() {
        let charging = SocketConditions(pilot: .c, sessionActive: true, offeredCurrent: 16)
        #expect(SocketStateMachine.status(for: charging) == .charging)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .d, sessionActive: true, offeredCurrent: 6)) == .charging)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .c, sessionActive: true, offeredCurrent: 0)) == .suspendedEVSE)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .b, sessionActive: true, offeredCurrent: 16)) == .suspendedEV)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .b, sessionEnded: true)) == .finishing)
    }

    @Test func faultsOutrankAvailabilityAndAvailabilityOutranksEverythingElse() {
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: nil)) == .faulted)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .c, deviceFault: true, enabled: false)) == .faulted)
        #expect(SocketStateMachine.status(for: SocketConditions(pilot: .c, enabled: false, sessionActive: true, offeredCurrent: 16)) == .unavailable)
    }

    @Test func controllersPilotRegistersDecode() {
        #expect(ControlPilotState(register: 67) == .c)
        #expect(ControlPilotState(register: 2) == .b)
        #expect(ControlPilotState(register: 10) == .a)
        #expect(ControlPilotState(register: 99) == nil)
    }
}
