import CPMS
import Foundation
import Tariffs
import Testing

struct EnergyMixFiguresTests {
    static func close(_ value: Double?, _ expected: Double) -> Bool {
        guard let value else { return false }
        return abs(value - expected) < 1e-9
    }

    static func mix(_ sources: [(EnergySourceCategory, Decimal)], green: Bool = false, carbon: Decimal? = nil) -> EnergyMix {
        EnergyMix(
            isGreenEnergy: green, energySources: sources.map { EnergySource(source: $0.0, percentage: $0.1) },
            environImpact: carbon.map { [EnvironmentalImpact(category: .nuclearWaste, amount: 0.1), EnvironmentalImpact(category: .carbonDioxide, amount: $0)] })
    }

    static func contract(mix: EnergyMix? = nil, carbon: Double? = nil) -> SupplyContract {
        SupplyContract(groups: ["depot"], capacityW: 100_000, currency: "EUR", fallbackPricePerKWh: Decimal(string: "0.30")!, energyMix: mix, carbonGramsPerKWh: carbon)
    }

    @Test func solarWindWaterAndGeneralGreenAreRenewable() {
        let mix = Self.mix([(.wind, 35), (.solar, 15), (.water, 10), (.generalGreen, 5), (.nuclear, 20), (.gas, 10), (.coal, 3), (.generalFossil, 2)])
        #expect(Self.close(EnergyMixFigures.renewableShare(of: mix), 0.65))
    }

    @Test func sharesAreOfTheSourcesListedWhenTheyDoNotAddUpTo100() {
        #expect(Self.close(EnergyMixFigures.renewableShare(of: Self.mix([(.wind, 30), (.coal, 30)])), 0.5))
    }

    @Test func aGreenMixWithoutSourcesIsAllRenewableAndAnyOtherUnknown() {
        #expect(EnergyMixFigures.renewableShare(of: EnergyMix(isGreenEnergy: true)) == 1)
        #expect(EnergyMixFigures.renewableShare(of: EnergyMix(isGreenEnergy: false)) == nil)
        #expect(EnergyMixFigures.renewableShare(of: EnergyMix(isGreenEnergy: false, energySources: [])) == nil)
        #expect(EnergyMixFigures.renewableShare(of: Self.mix([(.coal, 0)])) == nil)
    }

    @Test func carbonComesFromTheCarbonDioxideImpact() {
        #expect(EnergyMixFigures.carbonGramsPerKWh(of: Self.mix([(.gas, 100)], carbon: 410)) == 410)
        #expect(EnergyMixFigures.carbonGramsPerKWh(of: Self.mix([(.gas, 100)])) == nil)
    }

    @Test func theFeedsFiguresComeFirstThenItsMixThenTheContract() {
        let contract = Self.contract(mix: Self.mix([(.wind, 20), (.gas, 80)], carbon: 500), carbon: 450)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let bare = ForecastInterval(start: start, end: start.addingTimeInterval(3600), pricePerKWh: 0.2)
        let fromContract = EnergyMixFigures.figures(of: bare, contract: contract)
        #expect(Self.close(fromContract.renewableShare, 0.2))
        #expect(fromContract.carbonGramsPerKWh == 450, "the contract's own CO2 before its mix's")
        #expect(fromContract.energyMix == contract.energyMix)

        var withMix = bare
        withMix.energyMix = Self.mix([(.solar, 70), (.coal, 30)], carbon: 300)
        let fromMix = EnergyMixFigures.figures(of: withMix, contract: contract)
        #expect(Self.close(fromMix.renewableShare, 0.7))
        #expect(fromMix.carbonGramsPerKWh == 300)
        #expect(fromMix.energyMix == withMix.energyMix)

        var explicit = withMix
        explicit.renewableShare = 0.9
        explicit.carbonGramsPerKWh = 100
        let given = EnergyMixFigures.figures(of: explicit, contract: contract)
        #expect(given.renewableShare == 0.9)
        #expect(given.carbonGramsPerKWh == 100)

        let plain = EnergyMixFigures.figures(of: bare, contract: Self.contract())
        #expect(plain == SupplyEnergyFigures())
        #expect(EnergyMixFigures.figures(of: Self.contract(mix: Self.mix([(.wind, 100)], carbon: 12))).carbonGramsPerKWh == 12)
    }
}
