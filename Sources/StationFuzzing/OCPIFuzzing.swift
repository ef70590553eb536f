import Foundation
import OCPI

/// OCPI documents as an eMSP sends them: byte 0 picks the object (an `OCPIObjectKind`), the rest is its JSON.
/// Any input is read or refused with a named problem; what is read writes back as JSON that reads as itself.
enum OCPIFuzzing {
    static func run(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let kinds = OCPIObjectKind.allCases
        let kind = kinds[Int(selector) % kinds.count]
        let document = Data(input.dropFirst())
        let written: Data
        do {
            written = try kind.normalized(document)
        } catch {
            precondition(!error.message.isEmpty, "ocpi: \(kind) refused without saying why")
            _ = OCPIResponse<Location>.refusal(error, at: OCPIDateTime(Date(timeIntervalSince1970: 0)))
            return
        }
        do {
            let again = try kind.normalized(written)
            precondition(again == written, "ocpi: \(kind) written as \(text(written)) writes again as \(text(again))")
        } catch {
            preconditionFailure("ocpi: \(kind) \(text(document)) was written as \(text(written)), which is refused: \(error)")
        }
    }

    private static func text(_ data: Data) -> String { String(decoding: data.prefix(2000), as: UTF8.self) }
}
