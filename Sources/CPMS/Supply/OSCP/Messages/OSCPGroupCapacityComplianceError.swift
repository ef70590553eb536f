import Foundation

/// `group_capacity_compliance_error`: a party cannot keep to a capacity forecast.
struct OSCPGroupCapacityComplianceError: Codable, Sendable, Equatable {
    var message: String
    var forecastedBlocks: [OSCPForecastedBlock]?

    enum CodingKeys: String, CodingKey {
        case message
        case forecastedBlocks = "forecasted_blocks"
    }
}
