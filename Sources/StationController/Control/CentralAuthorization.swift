import Foundation

/// A token the CSMS authorized for a remote start on a charger's socket: the charger asks the station again when it
/// starts the transaction, and the token need not be in the station's local list.
struct CentralAuthorization: Sendable, Equatable {
    let idTag: String
    let until: Date
}
