extension StationDecoder {
    func decodeGrid(_ node: ConfigNode) -> GridConfiguration? {
        guard let map = node.mapping(allowedKeys: ["connection_limit_w", "nominal_voltage_v", "meter"]) else { return nil }
        let limit = map.required("connection_limit_w")?.number(in: 1...100_000_000)
        let voltage = map.optional("nominal_voltage_v").map { $0.number(in: 100...300) } ?? GridConfiguration.defaultNominalVoltageV
        let meter = map.required("meter").flatMap { meterNode in
            meterNode.mapping(allowedKeys: ["device", "bus", "unit_id", "poll_interval_ms"]).flatMap {
                decodeDeviceReference($0, kind: .gridMeter)
            }
        }
        guard let limit, let voltage, let meter else { return nil }
        return GridConfiguration(connectionLimitW: limit, nominalVoltageV: voltage, meter: meter)
    }

    func decodeBattery(_ node: ConfigNode) -> BatteryConfiguration? {
        let keys = [
            "device", "bus", "unit_id", "poll_interval_ms", "capacity_wh", "soc_reserve_pct", "soc_minimum_pct",
            "soc_maximum_pct", "max_charge_w", "max_discharge_w", "cycle_cost_per_kwh", "round_trip_efficiency",
        ]
        guard let map = node.mapping(allowedKeys: keys) else { return nil }
        let device = decodeDeviceReference(map, kind: .batteryInverter)
        let capacity = map.required("capacity_wh")?.number(in: 1...100_000_000)
        let reserve = map.optional("soc_reserve_pct").map { $0.number(in: 0...100) } ?? BatteryConfiguration.defaultSocReservePct
        let maxCharge = map.required("max_charge_w")?.number(in: 1...10_000_000)
        let maxDischarge = map.required("max_discharge_w")?.number(in: 1...10_000_000)
        let cycleCost = map.optional("cycle_cost_per_kwh").map { $0.number(in: 0...1000) } ?? 0
        let minimum = map.optional("soc_minimum_pct").map { $0.number(in: 0...100) } ?? BatteryConfiguration.defaultSocMinimumPct
        let maximum = map.optional("soc_maximum_pct").map { $0.number(in: 0...100) } ?? BatteryConfiguration.defaultSocMaximumPct
        let efficiency = map.optional("round_trip_efficiency").map { $0.number(in: 0.5...1) } ?? BatteryConfiguration.defaultRoundTripEfficiency
        if let minimum, let maximum, minimum >= maximum {
            map.optional("soc_maximum_pct")?.report("must be above soc_minimum_pct (\(minimum))")
                ?? map.node.report("soc_minimum_pct \(minimum) must be below soc_maximum_pct \(maximum)")
            return nil
        }
        if let minimum, let reserve, reserve < minimum {
            map.optional("soc_reserve_pct")?.report("must not be below soc_minimum_pct (\(minimum))")
            return nil
        }
        guard let device, let capacity, let reserve, let maxCharge, let maxDischarge, let cycleCost,
              let minimum, let maximum, let efficiency
        else { return nil }
        return BatteryConfiguration(
            device: device, capacityWh: capacity, socReservePct: reserve,
            maxChargeW: maxCharge, maxDischargeW: maxDischarge, cycleCostPerKWh: cycleCost,
            socMinimumPct: minimum, socMaximumPct: maximum, roundTripEfficiency: efficiency)
    }
}
