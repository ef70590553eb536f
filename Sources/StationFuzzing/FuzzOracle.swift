import Foundation
import OCPP
import StationAPI
import StationController

/// What must hold after any input; a violation stops the fuzzer like a crash.
enum FuzzOracle {
    /// Whatever came in, what the station sends is a well-formed OCPP-J frame.
    static func checkSent(_ frames: [String], target: String) {
        for text in frames {
            do {
                _ = try OCPPFrame.parse(text)
            } catch {
                preconditionFailure("\(target): the station sent a frame that does not parse (\(error)): \(text)")
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
