import Foundation
import OCPP
import StationAPI
import StationController

/// What must hold after any input; a violation stops the fuzzer like a crash.
enum FuzzOracle {
    /// Whatever came in, what the station sends is JSON in the shape of an OCPP-J frame: an array of a message type
    /// (2, 3 or 4) and a string id. The id may break the id rules: an answer echoes the id it answers.
    static func checkSent(_ frames: [String], target: String) {
        for text in frames {
            let elements: [JSONValue]
            do {
                elements = try JSONValue(parsing: text).arrayValue ?? []
            } catch {
                preconditionFailure("\(target): the station sent text that is not JSON (\(error)): \(text)")
            }
            guard elements.count >= 3, case .integer(let type) = elements[0], (2...4).contains(type), case .string = elements[1] else {
                preconditionFailure("\(target): the station sent JSON that is not an OCPP-J frame: \(text)")
            }
        }
    }

    /// The local API can still describe the station (a non-finite number would make its document fail to encode).
    static func checkStatus(of controller: StationController, target: String) async {
        let document = await controller.statusDocument()
        do {
            _ = try StationAPIJSON.encoder().encode(document)
        } catch {
            preconditionFailure("\(target): the station status no longer encodes: \(error)")
        }
    }
}
