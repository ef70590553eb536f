@testable import StationConfig
import Testing

/// Paths, URLs, suggestions and scaling the loaders rely on.
@Suite struct LoaderDetailTests {
    @Test func profilesDirectoryDefaultsToDevicesBesideTheStationsDirectory() {
        #expect(ProfilePaths.defaultProfilesDirectory(forStationFile: "firmware-config/stations/demo.yaml") == "firmware-config/devices")
        #expect(ProfilePaths.defaultProfilesDirectory(forStationFile: "/etc/stationmaster/stations/a.yaml") == "/etc/stationmaster/devices")
        #expect(ProfilePaths.defaultProfilesDirectory(forStationFile: "stations/a.yaml") == "devices")
        #expect(ProfilePaths.defaultProfilesDirectory(forStationFile: "a.yaml") == "../devices")
        #expect(ProfilePaths.defaultProfilesDirectory(forStationFile: "./a.yaml") == "./../devices")
    }

    @Test func uplinkEndpointKeepsAURLEndingInTheStationId() {
        #expect(StationDecoder.endpoint(url: "ws://h:8180/ocpp/DEMO-001", stationId: "DEMO-001") == "ws://h:8180/ocpp/DEMO-001")
    }

    @Test func uplinkEndpointAppendsTheStationIdToABaseURL() {
        #expect(StationDecoder.endpoint(url: "wss://cpms.example.com/ocpp", stationId: "S1") == "wss://cpms.example.com/ocpp/S1")
        #expect(StationDecoder.endpoint(url: "wss://cpms.example.com/ocpp/", stationId: "S1") == "wss://cpms.example.com/ocpp/S1")
        #expect(StationDecoder.endpoint(url: "ws://h:9000", stationId: "S1") == "ws://h:9000/S1")
    }

    @Test func misspeltKeyGetsTheClosestAllowedKey() {
        #expect(KeySuggestion.closest(to: "perod_ms", among: ["period_ms"]) == "period_ms")
        #expect(KeySuggestion.closest(to: "colour", among: ["station_id", "grid"]) == nil)
    }

    @Test func scaleFactorScalesByAPowerOfTen() {
        let scaling = PointScaling.scaleFactor(point: "w_sf")
        #expect(scaling.value(fromRaw: 1234, exponent: -1) == 123.4)
        #expect(scaling.value(fromRaw: 12, exponent: 2) == 1200)
        #expect(scaling.raw(fromValue: 5000, exponent: 1) == 500)
    }

    @Test func multiplierScalesBothWays() {
        let scaling = PointScaling.multiplier(0.1)
        #expect(scaling.value(fromRaw: 160, exponent: nil) == 16)
        #expect(scaling.raw(fromValue: 16, exponent: nil) == 160)
    }

    @Test func pointNamesImplyTheirUnits() {
        #expect(PointUnit.implied(byPointName: "energy_import_wh") == .wattHours)
        #expect(PointUnit.implied(byPointName: "power_w") == .watts)
        #expect(PointUnit.implied(byPointName: "charging_time_s") == .seconds)
        #expect(PointUnit.implied(byPointName: "w_sf") == nil)
    }
}
