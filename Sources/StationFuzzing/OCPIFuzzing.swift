import Foundation
import OCPI

/// OCPI documents as an eMSP sends them: byte 0 picks the object (an `OCPIObjectKind`), the rest is its JSON.
/// Any input is read or refused with a named problem; what is read writes back as JSON that reads as itself.
enum OCPIFuzzing {
    static func run(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        if selector == 0xFF {
            tokenPatch(Data(input.dropFirst()))
            return
        }
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

    /// Byte 0 = 0xFF: the rest is a PATCH of a Token. Read or refused with a reason; what is read applies to a
    /// stored Token as a whole Token (or is refused naming a field), which writes back as JSON that reads as itself.
    private static func tokenPatch(_ document: Data) {
        let patch: OCPIPatch<Token>
        do {
            patch = try OCPIPatch<Token>.read(from: document)
        } catch {
            precondition(!error.message.isEmpty, "ocpi: a Token PATCH refused without saying why")
            return
        }
        do {
            let token = try patch.applied(to: Token.patchTemplate)
            let written = try OCPICoding.encode(token)
            let again = try OCPICoding.decode(Token.self, from: written)
            precondition(again == token, "ocpi: a patched Token \(text(written)) reads back differently")
        } catch let error as OCPIDecodingError {
            precondition(!error.message.isEmpty, "ocpi: a Token PATCH refused without saying why")
        } catch {
            preconditionFailure("ocpi: a patched Token cannot be written: \(error)")
        }
    }

    private static func text(_ data: Data) -> String { String(decoding: data.prefix(2000), as: UTF8.self) }
}
