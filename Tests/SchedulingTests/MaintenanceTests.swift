import Foundation
import Scheduling
import Testing

@Suite struct MaintenanceTests {
    @Test func maintenanceOverABookingIsRefusedUnlessForced() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        let refused = refusal { try calendar.scheduleMaintenance(maintenanceRequest("M1", window(90, 180)), now: at(0)) }
        #expect(refused == .conflict(with: "B1", window: window(60, 120), isMaintenance: false))
        #expect(calendar.entry("M1") == nil)
        #expect(calendar.entry("B1")?.status == .scheduled)
    }

    @Test func forcedMaintenanceCancelsTheBookingsInTheWayWithAReasonForTheirEMSP() throws {
        var calendar = try calendar(gap: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.book(bookingRequest("B2", window(180, 240), by: voltApp), now: at(0))
        _ = try calendar.book(bookingRequest("B3", window(300, 360)), now: at(0))
        // 120..180 with a 15-minute gap meets B1 (ends 120) and B2 (starts 180), not B3 (starts 300).
        let change = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(120, 180), force: true), now: at(5))
        #expect(change.cancellations.map(\.booking) == ["B1", "B2"])
        #expect(change.cancellations.map(\.token.emsp) == [greenCharge, voltApp])
        #expect(change.cancellations.allSatisfy { $0.cancellation.reason.contains("replace the cable") && $0.cancellation.displacedBy == "M1" })
        #expect(Set(change.saved.map(\.id)) == ["B1", "B2", "M1"])
        #expect(calendar.holdingEntries(of: "E1").map(\.id) == ["M1", "B3"])
        #expect(calendar.entry("B1")?.cancellation?.by == .technician("Kim"))
    }

    @Test func evenForcedMaintenanceLeavesABookingInUse() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.recordUse(of: "B1", at: at(65))
        let refused = refusal { try calendar.scheduleMaintenance(maintenanceRequest("M1", window(90, 180), force: true), now: at(75)) }
        #expect(refused == .conflict(with: "B1", window: window(60, 120), isMaintenance: false))
        #expect(calendar.entry("B1")?.status == .used(at: at(65)))
    }

    @Test func maintenanceNeverOverridesOtherMaintenance() throws {
        var calendar = try calendar()
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        let refused = refusal { try calendar.scheduleMaintenance(maintenanceRequest("M2", window(90, 150), force: true), now: at(0)) }
        #expect(refused == .conflict(with: "M1", window: window(60, 120), isMaintenance: true))
    }

    @Test func aForcedMaintenanceThatIsRefusedCancelsNothing() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(150, 180)), now: at(0))
        #expect(refusal { try calendar.scheduleMaintenance(maintenanceRequest("M2", window(60, 165), force: true), now: at(0)) } != nil)
        #expect(calendar.entry("B1")?.status == .scheduled)
    }

    @Test func maintenanceNeedsATechnicianOrAdminAndAReason() throws {
        var calendar = try calendar()
        let byEMSP = MaintenanceRequest(id: "M1", evse: "E1", window: window(60, 120), by: .emsp(greenCharge), reason: "x")
        #expect(refusal { try calendar.scheduleMaintenance(byEMSP, now: at(0)) } != nil)
        let noReason = MaintenanceRequest(id: "M1", evse: "E1", window: window(60, 120), by: .technician("Kim"), reason: " ")
        #expect(refusal { try calendar.scheduleMaintenance(noReason, now: at(0)) } == .missingReason("a maintenance block"))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        #expect(refusal { try calendar.cancel("M1", by: .emsp(greenCharge), reason: "x", now: at(0)) } != nil)
        #expect(calendar.entry("M1")?.maintenance == .init(technician: "Kim", reason: "replace the cable"))
    }

    @Test func aTechnicianExtendsAndEndsMaintenance() throws {
        var calendar = try calendar()
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        _ = try calendar.modify("M1", to: EntryChange(window: window(60, 180)), by: .technician("Kim"), now: at(90))
        _ = try calendar.cancel("M1", by: .technician("Kim"), reason: "done early", now: at(100))
        _ = try calendar.book(bookingRequest("B1", window(105, 165)), now: at(100))
    }
}
