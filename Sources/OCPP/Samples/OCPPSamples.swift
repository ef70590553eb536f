public import Foundation

/// One sample payload of a message, for checking it against the official schemas.
public struct OCPPSample: Sendable {
    /// Whether the payload is a request (CALL) or a response (CALLRESULT).
    public enum Kind: String, Sendable {
        case request
        case response
    }

    public var version: OCPPVersion
    public var action: String
    public var kind: Kind
    /// `full` (every optional property filled in), `minimal` (required properties only) or `longest`
    /// (every string at its maxLength, small arrays at their maxItems).
    public var variant: String
    public var payload: any OCPPPayload

    /// The payload as JSON text, encoded exactly as an endpoint would send it.
    public func jsonText() throws(PayloadViolation) -> String {
        try PayloadEncoder().encode(payload).jsonText
    }
}

extension OCPPSample: CustomStringConvertible {
    public var description: String { "\(version.rawValue) \(action) \(kind.rawValue) (\(variant))" }
}

/// An enumeration with its raw values and the places in the official schemas that define its values.
public struct OCPPEnumeration: Sendable {
    public var version: OCPPVersion
    /// For 2.0.1 a definition name (`ConnectorStatusEnumType`); for 1.6, whose schemas have no definitions,
    /// `SchemaFile:property` (`StatusNotification:errorCode`).
    public var schemaLocations: [String]
    public var values: [String]
}

/// Sample payloads of every typed request and response of both versions.
public enum OCPPSamples {
    /// The time the samples use: 2027-01-15T08:00:00.250Z (with milliseconds, to exercise them).
    public static let referenceTime = Date(timeIntervalSince1970: 1_800_000_000.25)

    /// Every sample: for each typed action of each version, the request and response variants.
    public static var all: [OCPPSample] {
        (OCPP16.sampleExchanges + OCPP201.sampleExchanges).flatMap(\.samples)
    }
}

/// Payload types that can produce their three sample variants.
protocol SampleProviding {
    static var fullSample: Self { get }
    static var minimalSample: Self { get }
    static var longestSample: Self { get }
}

/// The samples of one action, request and response.
struct OCPPSampleExchange {
    let samples: [OCPPSample]

    init<Request: OCPPRequest & SampleProviding>(_ type: Request.Type) where Request.Response: SampleProviding {
        let version = Request.Version.version
        samples =
            Self.variants(of: Request.self, action: Request.action, kind: .request, version: version)
            + Self.variants(of: Request.Response.self, action: Request.action, kind: .response, version: version)
    }

    /// The three variants, leaving out those that encode the same as an earlier one.
    private static func variants<Payload: OCPPPayload & SampleProviding>(
        of type: Payload.Type, action: String, kind: OCPPSample.Kind, version: OCPPVersion
    ) -> [OCPPSample] {
        var seen: Set<Payload> = []
        var samples: [OCPPSample] = []
        let variants = [("full", type.fullSample), ("minimal", type.minimalSample), ("longest", type.longestSample)]
        for (variant, payload) in variants where seen.insert(payload).inserted {
            samples.append(OCPPSample(version: version, action: action, kind: kind, variant: variant, payload: payload))
        }
        return samples
    }
}
