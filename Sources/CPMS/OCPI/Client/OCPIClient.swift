public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
public import NIOHTTP1
public import OCPI

/// Calls an eMSP's OCPI API: the token as `Token <base64>`, new `X-Request-ID` and `X-Correlation-ID` (or the
/// given ones: a queued push repeats its request id on every attempt), the routing headers, a timeout, and the answer's envelope read strictly.
public struct OCPIClient: Sendable {
    let settings: OCPISettings
    let httpClient: HTTPClient
    /// How long one call may take, connecting included.
    public var timeout: Duration
    /// The largest answer read, in bytes.
    public var maxAnswerBytes = 16 * 1024 * 1024
    let logger: Logger

    public init(settings: OCPISettings, httpClient: HTTPClient = .shared, timeout: Duration = .seconds(10), logger: Logger) {
        self.settings = settings
        self.httpClient = httpClient
        self.timeout = timeout
        self.logger = logger
    }

    /// What a call returned: the envelope (its status is 1xxx) and the answer's headers (pagination).
    public struct Answer<Payload: Codable & Sendable>: Sendable {
        public var envelope: OCPIResponse<Payload>
        public var httpStatus: Int
        public var headers: [(name: String, value: String)]

        /// The envelope's data; a missing one is `OCPIClientError.invalidAnswer`.
        public func data() throws(OCPIClientError) -> Payload {
            guard let data = envelope.data else { throw OCPIClientError(.invalidAnswer, url: "", message: "the answer carries no data") }
            return data
        }
    }

    /// `method url` with `token`, an optional JSON body, and the routing headers towards `receiver` (the eMSP's
    /// party) when given. Throws when the eMSP cannot be reached, answers other than HTTP 2xx, sends a document
    /// that is not a valid envelope of `Payload`, or an envelope whose status is not 1xxx.
    public func call<Payload: Codable & Sendable & OCPIValidatable>(
        _ method: HTTPMethod, _ url: String, token: String, body: Data? = nil, receiver: CredentialsRole? = nil,
        requestID: String? = nil, correlationID: String? = nil, answer: Payload.Type
    ) async throws(OCPIClientError) -> Answer<Payload> {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Authorization", value: OCPITokenHeader.value(for: token))
        request.headers.add(name: "X-Request-ID", value: requestID ?? UUID().uuidString.lowercased())
        request.headers.add(name: "X-Correlation-ID", value: correlationID ?? UUID().uuidString.lowercased())
        request.headers.add(name: "OCPI-from-country-code", value: settings.countryCode)
        request.headers.add(name: "OCPI-from-party-id", value: settings.partyID)
        if let receiver {
            request.headers.add(name: "OCPI-to-country-code", value: receiver.countryCode)
            request.headers.add(name: "OCPI-to-party-id", value: receiver.partyID)
        }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let status: Int, headers: [(name: String, value: String)], bytes: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000))
            status = Int(response.status.code)
            headers = response.headers.map { ($0.name, $0.value) }
            bytes = try await response.body.collect(upTo: maxAnswerBytes)
        } catch {
            throw OCPIClientError(.unreachable, url: url, message: String(describing: error))
        }
        let data = Data(bytes.readableBytesView)
        guard (200..<300).contains(status) else {
            let said = (try? OCPICoding.decode(OCPIResponse<OCPIReply.Empty>.self, from: data)).map { ": \($0.statusCode) \($0.statusMessage ?? "")" } ?? ""
            throw OCPIClientError(.httpStatus(status), url: url, message: "HTTP \(status)\(said)")
        }
        let envelope: OCPIResponse<Payload>
        do {
            envelope = try OCPICoding.decode(OCPIResponse<Payload>.self, from: data)
        } catch {
            throw OCPIClientError(.invalidAnswer, url: url, message: error.description)
        }
        guard envelope.statusCode.category == .success else {
            throw OCPIClientError(.refused(envelope.statusCode), url: url, message: "\(envelope.statusCode) \(envelope.statusMessage ?? "")")
        }
        return Answer(envelope: envelope, httpStatus: status, headers: headers)
    }
}

/// Why a call to an eMSP failed.
public struct OCPIClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No answer: refused, timed out, cut.
        case unreachable
        /// An answer other than HTTP 2xx.
        case httpStatus(Int)
        /// HTTP 2xx, but not a valid envelope of what was asked for.
        case invalidAnswer
        /// A valid envelope whose status is not 1xxx.
        case refused(OCPIStatusCode)
    }

    public var kind: Kind
    public var url: String
    public var message: String

    public init(_ kind: Kind, url: String, message: String) {
        self.kind = kind
        self.url = url
        self.message = message
    }

    public var description: String { url.isEmpty ? message : "\(url): \(message)" }
}
