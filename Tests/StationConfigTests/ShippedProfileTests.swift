import Modbus
import StationConfig
import Testing

/// The shipped register maps say what their source documents say.
@Suite struct ShippedProfileTests {
    let catalog: DeviceProfileCatalog

    init() throws {
        catalog = try DeviceProfileCatalog.load(directory: TestFiles.shippedDevices)
    }

    @Test func sunSpecBatteryInverterUsesModelOffsetsFromTheSunSpecModels() throws {
        let profile = try #require(catalog["sunspec-battery-inverter"])
        #expect(profile.kind == .batteryInverter)
        #expect(profile.sunSpec?.baseAddresses == [40000, 0, 50000])
        #expect(profile.sunSpec?.models == [
            SunSpecModel(id: 1, length: 66), SunSpecModel(id: 701, length: 153),
            SunSpecModel(id: 704, length: 65), SunSpecModel(id: 802, length: 62),
        ])
        #expect(profile.point("soc_pct")?.location == .sunSpec(model: 802, offset: 9))
        #expect(profile.point("soc_pct")?.scaling == .scaleFactor(point: "soc_sf"))
        #expect(profile.point("soc_sf")?.location == .sunSpec(model: 802, offset: 54))
        #expect(profile.point("max_charge_w")?.location == .sunSpec(model: 802, offset: 2))
        #expect(profile.point("max_discharge_w")?.location == .sunSpec(model: 802, offset: 3))
        #expect(profile.point("w_cha_dis_cha_max_sf")?.location == .sunSpec(model: 802, offset: 52))
        #expect(profile.point("power_w")?.location == .sunSpec(model: 701, offset: 8))
        #expect(profile.point("ac_w_sf")?.location == .sunSpec(model: 701, offset: 114))
        let setpoint = try #require(profile.point("power_setpoint_w"))
        #expect(setpoint.location == .sunSpec(model: 704, offset: 22))
        #expect(setpoint.type == .i32)
        #expect(setpoint.access == .readWrite)
        #expect(profile.point("power_setpoint_enable")?.location == .sunSpec(model: 704, offset: 20))
        #expect(profile.point("w_set_sf")?.location == .sunSpec(model: 704, offset: 53))
        #expect(profile.point("serial_number")?.type == .string(registers: 16))
        #expect(profile.point("serial_number")?.table == .holdingRegister)
    }

    @Test func sunSpecMeterUsesModel203Offsets() throws {
        let profile = try #require(catalog["sunspec-meter-203"])
        #expect(profile.kind == .gridMeter)
        #expect(profile.sunSpec?.models == [SunSpecModel(id: 1, length: 66), SunSpecModel(id: 203, length: 105)])
        let expected: [String: Int] = [
            "current_a": 0, "a_sf": 4, "voltage_v": 5, "v_sf": 13, "frequency_hz": 14, "hz_sf": 15,
            "power_w": 16, "power_l1_w": 17, "power_l2_w": 18, "power_l3_w": 19, "w_sf": 20,
            "energy_export_wh": 36, "energy_import_wh": 44, "tot_wh_sf": 52,
        ]
        for (name, offset) in expected {
            #expect(profile.point(name)?.location == .sunSpec(model: 203, offset: offset), "\(name)")
        }
        #expect(profile.point("energy_import_wh")?.type == .u32)
        #expect(profile.point("energy_import_wh")?.unit == .wattHours)
    }

    @Test func phoenixControllerMapsTheEVSEPoints() throws {
        let profile = try #require(catalog["phoenix-ev-eth"])
        #expect(profile.kind == .evse)
        #expect(profile.point("cp_state")?.table == .inputRegister)
        #expect(profile.point("cp_state")?.location == .address(100))
        #expect(profile.point("cp_state")?.enumeration[67] == "C")
        #expect(profile.point("enable") == PointDefinition(
            name: "enable", table: .coil, location: .address(400), type: .bool, wordOrder: .lowFirst, access: .readWrite))
        #expect(profile.point("current_limit_a")?.location == .address(528))
        #expect(profile.point("current_limit_a")?.unit == .amperes)
        #expect(profile.point("power_w")?.type == .i32)
        #expect(profile.point("power_w")?.wordOrder == .lowFirst)
        #expect(profile.point("energy_wh")?.table == .holdingRegister)
        #expect(profile.point("energy_wh")?.location == .address(904))
    }

    @Test func everyShippedProfileNamesItsSourceDocument() {
        for profile in catalog.profiles.values {
            #expect(!profile.source.title.isEmpty && !profile.source.version.isEmpty && !profile.source.date.isEmpty)
        }
    }
}
