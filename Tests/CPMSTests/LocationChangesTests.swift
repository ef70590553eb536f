@testable import CPMS
import Foundation
import OCPI
import Testing

/// What a change of a published Location costs in OCPI calls: PUT of a new Location or EVSE, PATCH of only the
/// changed fields of an EVSE or connector, REMOVED for an EVSE that is gone, nothing for no change.
struct LocationChangesTests {
    let mapping: LocationPublicationTests
    let party: CPOParty

    init() throws {
        mapping = try LocationPublicationTests()
        party = mapping.party
    }

    func publish(_ inputs: LocationInputs, at minutes: Double = 10) throws -> Location {
        try #require(LocationPublication.location(inputs, party: party, at: mapping.at(minutes)))
    }

    func body(_ push: LocationPush) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: push.body) as? [String: Any])
    }

    @Test func aNewLocationIsOnePutAndNoChangeIsNothing() throws {
        let location = try publish(try mapping.inputs())
        let pushes = try LocationChanges.pushes(from: nil, to: location, at: mapping.at(10))
        #expect(pushes.map(\.method) == [.put] && pushes.first?.path == ["CS-42"])
        #expect(try OCPICoding.decode(Location.self, from: try #require(pushes.first).body) == location)
        #expect(try LocationChanges.pushes(from: location, to: location, at: mapping.at(10)).isEmpty)
    }

    @Test func aStatusChangeIsAPatchOfTheEVSEWithStatusAndLastUpdated() throws {
        var inputs = try mapping.inputs()
        inputs.statuses = [mapping.status(1, "Available", 2)]
        let before = try publish(inputs)
        inputs.statuses = [mapping.status(1, "Faulted", 5)]
        let pushes = try LocationChanges.pushes(from: before, to: try publish(inputs), at: mapping.at(10))
        #expect(pushes.count == 1)
        let push = try #require(pushes.first)
        #expect(push.method == .patch && push.path == ["CS-42", "NL*STM*ECS42*1"])
        let fields = try body(push)
        #expect(Set(fields.keys) == ["status", "last_updated"] && fields["status"] as? String == "OUTOFORDER")
        #expect(fields["last_updated"] as? String == OCPIDateTime(mapping.at(5)).description)
    }

    @Test func maintenanceAndTariffsArePatchesOfTheirEVSEAndConnector() throws {
        var inputs = try mapping.inputs()
        let before = try publish(inputs)
        inputs.maintenance = [.init(evse: 2, start: mapping.at(60), end: mapping.at(120), scheduled: true, updatedAt: mapping.at(3))]
        inputs.tariffAssignments = [.init(evse: 1, connector: 0, validFrom: mapping.at(4), seq: 1, tariff: "AC")]
        let pushes = try LocationChanges.pushes(from: before, to: try publish(inputs), at: mapping.at(10))
        #expect(pushes.map(\.path) == [["CS-42", "NL*STM*ECS42*1", "1"], ["CS-42", "NL*STM*ECS42*2"]])
        #expect(Set(try body(pushes[0]).keys) == ["tariff_ids", "last_updated"])
        #expect(Set(try body(pushes[1]).keys) == ["status_schedule", "last_updated"])
        // Dropping the schedule again cannot be said by a PATCH: the EVSE is put whole.
        let dropped = try LocationChanges.pushes(from: try publish(inputs), to: before, at: mapping.at(10))
        #expect(dropped.contains { $0.method == .put && $0.path == ["CS-42", "NL*STM*ECS42*2"] })
    }

    @Test func newDetailsPutTheLocationAndANewEVSEIsPutAndAGoneOneRemoved() throws {
        var inputs = try mapping.inputs()
        let before = try publish(inputs)
        inputs.details.name = "Station square"
        #expect(try LocationChanges.pushes(from: before, to: try publish(inputs), at: mapping.at(10)).map(\.method) == [.put])

        inputs = try mapping.inputs()
        inputs.connectors = [try mapping.connector(1), try mapping.connector(3)]
        let pushes = try LocationChanges.pushes(from: before, to: try publish(inputs), at: mapping.at(10))
        #expect(pushes.map(\.method) == [.put, .patch])
        #expect(pushes.map(\.path) == [["CS-42", "NL*STM*ECS42*3"], ["CS-42", "NL*STM*ECS42*2"]])
        #expect(try body(pushes[1])["status"] as? String == "REMOVED")
    }
}
