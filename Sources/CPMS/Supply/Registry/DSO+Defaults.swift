import Foundation
import Tariffs

// The registry JSON may leave out what has a default (docs/energy-supply.md, "The registry"); everything
// else is required.

extension SupplyContract {
    private enum RegistryKeys: String, CodingKey {
        case groups, capacityW, currency, surchargePerKWh, fallbackPricePerKWh, forecastBoundSeconds, energyMix, carbonGramsPerKWh
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegistryKeys.self)
        self.init(
            groups: try container.decode([String].self, forKey: .groups),
            capacityW: try container.decode(Double.self, forKey: .capacityW),
            currency: try container.decode(String.self, forKey: .currency),
            surchargePerKWh: try container.decodeIfPresent(Decimal.self, forKey: .surchargePerKWh) ?? 0,
            fallbackPricePerKWh: try container.decode(Decimal.self, forKey: .fallbackPricePerKWh),
            forecastBoundSeconds: try container.decodeIfPresent(Double.self, forKey: .forecastBoundSeconds) ?? 36 * 3600,
            energyMix: try container.decodeIfPresent(EnergyMix.self, forKey: .energyMix),
            carbonGramsPerKWh: try container.decodeIfPresent(Double.self, forKey: .carbonGramsPerKWh))
    }
}

extension OpenADRFeedSettings {
    private enum RegistryKeys: String, CodingKey {
        case vtnURL, venName, pollIntervalSeconds, clientCertificatePath, clientKeyPath, caCertificatePath
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegistryKeys.self)
        self.init(
            vtnURL: try container.decode(String.self, forKey: .vtnURL),
            venName: try container.decode(String.self, forKey: .venName),
            pollIntervalSeconds: try container.decodeIfPresent(Double.self, forKey: .pollIntervalSeconds) ?? 10,
            clientCertificatePath: try container.decodeIfPresent(String.self, forKey: .clientCertificatePath),
            clientKeyPath: try container.decodeIfPresent(String.self, forKey: .clientKeyPath),
            caCertificatePath: try container.decodeIfPresent(String.self, forKey: .caCertificatePath))
    }
}

extension OSCPFeedSettings {
    private enum RegistryKeys: String, CodingKey {
        case capacityProviderURL, registrationToken, groupMapping, measurementIntervalSeconds, heartbeatIntervalSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegistryKeys.self)
        self.init(
            capacityProviderURL: try container.decode(String.self, forKey: .capacityProviderURL),
            registrationToken: try container.decode(String.self, forKey: .registrationToken),
            groupMapping: try container.decodeIfPresent([String: String].self, forKey: .groupMapping) ?? [:],
            measurementIntervalSeconds: try container.decodeIfPresent(Double.self, forKey: .measurementIntervalSeconds) ?? 900,
            heartbeatIntervalSeconds: try container.decodeIfPresent(Double.self, forKey: .heartbeatIntervalSeconds))
    }
}

extension ENTSOEFeedSettings {
    private enum RegistryKeys: String, CodingKey {
        case source, refreshSeconds, biddingZone
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegistryKeys.self)
        self.init(
            source: try container.decode(String.self, forKey: .source),
            refreshSeconds: try container.decodeIfPresent(Double.self, forKey: .refreshSeconds) ?? 3600,
            biddingZone: try container.decodeIfPresent(String.self, forKey: .biddingZone))
    }
}

extension JSONFeedSettings {
    private enum RegistryKeys: String, CodingKey {
        case source, refreshSeconds
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: RegistryKeys.self)
        self.init(
            source: try container.decode(String.self, forKey: .source),
            refreshSeconds: try container.decodeIfPresent(Double.self, forKey: .refreshSeconds) ?? 300)
    }
}
