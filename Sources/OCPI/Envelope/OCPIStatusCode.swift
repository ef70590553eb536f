/// The status of an OCPI answer (OCPI status codes): 1xxx success, 2xxx client errors, 3xxx server errors,
/// 4xxx hub errors.
public struct OCPIStatusCode: RawRepresentable, Codable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let success = OCPIStatusCode(rawValue: 1000)

    public static let clientError = OCPIStatusCode(rawValue: 2000)
    public static let invalidOrMissingParameters = OCPIStatusCode(rawValue: 2001)
    public static let notEnoughInformation = OCPIStatusCode(rawValue: 2002)
    public static let unknownLocation = OCPIStatusCode(rawValue: 2003)
    public static let unknownToken = OCPIStatusCode(rawValue: 2004)

    public static let serverError = OCPIStatusCode(rawValue: 3000)
    public static let unableToUseClientAPI = OCPIStatusCode(rawValue: 3001)
    public static let unsupportedVersion = OCPIStatusCode(rawValue: 3002)
    public static let noMatchingEndpoints = OCPIStatusCode(rawValue: 3003)

    public static let hubError = OCPIStatusCode(rawValue: 4000)
    public static let unknownReceiver = OCPIStatusCode(rawValue: 4001)
    public static let timeoutOnForwardedRequest = OCPIStatusCode(rawValue: 4002)
    public static let connectionProblem = OCPIStatusCode(rawValue: 4003)

    public enum Category: Sendable, Equatable {
        case success, clientError, serverError, hubError, unknown
    }

    public var category: Category {
        switch rawValue {
        case 1000...1999: .success
        case 2000...2999: .clientError
        case 3000...3999: .serverError
        case 4000...4999: .hubError
        default: .unknown
        }
    }

    public var description: String { String(rawValue) }
}
