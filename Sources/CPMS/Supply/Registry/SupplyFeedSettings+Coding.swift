/// `{"kind": "openadr", ...the settings' own fields}`: one flat object per feed in the API and the database.
extension SupplyFeedSettings: Codable {
    private enum KindKey: String, CodingKey {
        case kind
    }

    public init(from decoder: any Decoder) throws {
        let kind = try decoder.container(keyedBy: KindKey.self).decode(String.self, forKey: .kind)
        switch kind {
        case "openadr": self = .openADR(try OpenADRFeedSettings(from: decoder))
        case "oscp": self = .oscp(try OSCPFeedSettings(from: decoder))
        case "entsoe": self = .entsoe(try ENTSOEFeedSettings(from: decoder))
        case "json": self = .jsonFeed(try JSONFeedSettings(from: decoder))
        case "tou": self = .timeOfUse(try TimeOfUseSettings(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: try decoder.container(keyedBy: KindKey.self),
                debugDescription: "kind must be one of openadr, oscp, entsoe, json, tou, got \"\(kind)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: KindKey.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .openADR(let settings): try settings.encode(to: encoder)
        case .oscp(let settings): try settings.encode(to: encoder)
        case .entsoe(let settings): try settings.encode(to: encoder)
        case .jsonFeed(let settings): try settings.encode(to: encoder)
        case .timeOfUse(let settings): try settings.encode(to: encoder)
        }
    }
}
