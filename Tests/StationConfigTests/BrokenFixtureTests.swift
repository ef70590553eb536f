import StationConfig
import Testing

/// Each broken fixture reports exactly the problems its `# expect:` comments list, in that order.
@Suite struct BrokenFixtureTests {
    @Test(arguments: TestFiles.brokenStationNames)
    func brokenStationReportsItsProblems(file: String) throws {
        let path = TestFiles.fixtures + "/broken/stations/" + file
        let expected = try FixtureExpectations.expectedProblems(in: path)
        #expect(!expected.isEmpty, "the fixture declares no expected problem")
        let error = try #require(throws: ConfigurationError.self) {
            try StationConfiguration.load(path: path, profilesDirectory: TestFiles.fixtureDevices)
        }
        #expect(error.problems.map(\.description) == expected)
    }

    @Test(arguments: TestFiles.brokenDeviceNames)
    func brokenProfileReportsItsProblems(file: String) throws {
        let path = TestFiles.fixtures + "/broken/devices/" + file
        let expected = try FixtureExpectations.expectedProblems(in: path)
        #expect(!expected.isEmpty, "the fixture declares no expected problem")
        let error = try #require(throws: ConfigurationError.self) {
            try DeviceProfile.load(path: path)
        }
        #expect(error.problems.map(\.description) == expected)
    }

    @Test func catalogueCoversAtLeastFifteenBrokenFiles() {
        #expect(TestFiles.brokenStationNames.count + TestFiles.brokenDeviceNames.count >= 15)
    }

    @Test func fileWithSeveralProblemsReportsThemAll() throws {
        let path = TestFiles.fixtures + "/broken/stations/many-problems.yaml"
        let error = try #require(throws: ConfigurationError.self) {
            try StationConfiguration.load(path: path, profilesDirectory: TestFiles.fixtureDevices)
        }
        #expect(error.problems.count >= 8)
        #expect(error.description.split(separator: "\n").count == error.problems.count)
        let lines = error.problems.compactMap(\.line)
        #expect(lines == lines.sorted())
    }

    @Test func fixtureStationWithFixtureProfilesLoads() throws {
        let station = try StationConfiguration.load(
            path: TestFiles.fixtures + "/stations/minimal.yaml", profilesDirectory: TestFiles.fixtureDevices)
        #expect(station.profiles.keys.sorted() == ["test-evse", "test-meter"])
        #expect(station.safety.staleAfter == .milliseconds(3000))
        #expect(station.uplink == nil)
        #expect(station.battery == nil)
    }

    @Test func catalogueLoadReportsEveryBrokenProfileInTheDirectory() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try DeviceProfileCatalog.load(directory: TestFiles.fixtureDevices)
        }
        #expect(error.problems.map(\.description) == [
            TestFiles.fixtureDevices + "/broken-evse.yaml:6: points: missing required point \"energy_wh\" for kind evse"
        ])
    }

    @Test func missingStationFileIsReportedWithoutALine() throws {
        let path = TestFiles.fixtures + "/stations/no-such-station.yaml"
        let error = try #require(throws: ConfigurationError.self) {
            try StationConfiguration.load(path: path, profilesDirectory: TestFiles.fixtureDevices)
        }
        #expect(error.description == path + ": no such file")
    }
}
