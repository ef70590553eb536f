import Foundation
public import Hummingbird
public import OCPI

/// Reads a request's OCPI document.
public enum OCPIBody {
    /// The largest body read, in bytes; a larger one is refused.
    public static let maxBytes = 1 << 20

    /// The body as `Value`, read strictly by `OCPICoding`: not JSON at all is HTTP 400, 2001; JSON that is not a
    /// valid `Value` is HTTP 200, 2001 naming the field (OCPI's rule for requests that reached the OCPI layer).
    public static func decode<Value: Decodable & OCPIValidatable>(_ type: Value.Type, from request: Request) async throws -> Value {
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
            return try OCPICoding.decode(type, from: data)
        } catch {
            throw OCPIError.invalid(error)
        }
    }
}
