public import AsyncHTTPClient
import Foundation
public import NIOCore
import NIOSSL

/// Posts VEN messages to a VTN (simple HTTP) and reads its answers.
public struct OpenADRTransport: Sendable {
    /// The VTN's base URL, without the `/OpenADR2/Simple/2.0b` path.
    public var vtnURL: String
    let httpClient: HTTPClient
    public var timeout: TimeAmount = .seconds(10)

    public init(vtnURL: String, httpClient: HTTPClient) {
        var base = vtnURL
        while base.hasSuffix("/") { base.removeLast() }
        self.vtnURL = base
        self.httpClient = httpClient
    }

    /// Sends `message` to its service and reads the answer; throws when the VTN is unreachable, answers other
    /// than HTTP 200, or sends a document cpms cannot read.
    public func send(_ message: OpenADRVENMessage) async throws(OpenADRFeedError) -> OpenADRVTNMessage {
        let url = "\(vtnURL)/OpenADR2/Simple/2.0b/\(message.service)"
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/xml")
        request.body = .bytes(ByteBuffer(data: message.document))
        let status: UInt, body: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: timeout)
            status = response.status.code
            body = try await response.body.collect(upTo: OpenADRXMLReader.maxBytes)
        } catch {
            throw OpenADRFeedError("\(url): no answer: \(error)")
        }
        guard status == 200 else { throw OpenADRFeedError("\(url): HTTP \(status)") }
        do {
            return try OpenADRVTNMessage.read(Data(body.readableBytesView))
        } catch {
            throw OpenADRFeedError("\(url): \(error.description)")
        }
    }

    /// An HTTP client for mutual TLS with the VTN: cpms's certificate and key, and the CA the VTN's certificate
    /// must be signed by (else the system's roots).
    public static func mutualTLSClient(certificatePath: String?, keyPath: String?, caCertificatePath: String?) throws(OpenADRFeedError) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            if let certificatePath, let keyPath {
                tls.certificateChain = try NIOSSLCertificate.fromPEMFile(certificatePath).map { .certificate($0) }
                tls.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyPath, format: .pem))
            } else if certificatePath != nil || keyPath != nil {
                throw OpenADRFeedError("mutual TLS needs both clientCertificatePath and clientKeyPath")
            }
            if let caCertificatePath {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caCertificatePath))
            }
        } catch let error as OpenADRFeedError {
            throw error
        } catch {
            throw OpenADRFeedError("cannot load the TLS files: \(error)")
        }
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: HTTPClient.Configuration(tlsConfiguration: tls))
    }
}

/// Why a step of the OpenADR feed failed; shown in the feed's status.
public struct OpenADRFeedError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
