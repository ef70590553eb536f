import Foundation
import Hummingbird
import OCPI

extension OCPIBody {
    /// The body as a PATCH of `Object`, read strictly by `OCPIPatch`: not JSON is HTTP 400, 2001; a field that is
    /// wrong, or no `last_updated`, is HTTP 200, 2001 naming it.
    static func patch<Object: OCPIPatchable>(_ type: Object.Type, from request: Request) async throws -> OCPIPatch<Object> {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw OCPIError(httpStatus: .contentTooLarge, statusCode: .invalidOrMissingParameters, message: "the body is larger than \(maxBytes) bytes")
        }
        let data = Data(buffer.readableBytesView)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            throw OCPIError.malformed("the body is not JSON")
        }
        do {
            return try OCPIPatch<Object>.read(from: data)
        } catch {
            throw OCPIError.invalid(error)
        }
    }
}
