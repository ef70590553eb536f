@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A scripted OpenADR VTN for the VEN's tests: records every message per service and answers from a queue per
/// service, else as a VTN that has nothing to say (registration accepted as ven-1, oadrResponse 200).
final class FakeVTN: Sendable {
    enum Answer: Sendable {
        case document(Data)
        case status(Int)
    }

    struct Received: Sendable {
        var service: String
        var contentType: String?
        var body: String
        var root: OpenADRElement?
    }

    let received = Mutex<[Received]>([])
    let script = Mutex<[String: [Answer]]>([:])

    func answer(_ service: String, with answers: Answer...) {
        script.withLock { $0[service, default: []] += answers }
    }

    func messages(_ service: String) -> [Received] {
        received.withLock { $0.filter { $0.service == service } }
    }

    /// The oadrCreatedEvent messages cpms sent.
    func createdEvents() -> [Received] {
        messages("EiEvent").filter { $0.root?.find("oadrSignedObject", "oadrCreatedEvent") != nil }
    }

    /// The (eventID, modificationNumber, optType, description) of every eventResponse cpms sent, in order.
    func optAnswers() -> [(String, Int, String, String?)] {
        messages("EiEvent").flatMap { message -> [(String, Int, String, String?)] in
            let responses = message.root?.find("oadrSignedObject", "oadrCreatedEvent", "eiCreatedEvent", "eventResponses")?.children("eventResponse") ?? []
            return responses.map {
                ($0.text("qualifiedEventID", "eventID") ?? "", Int($0.text("qualifiedEventID", "modificationNumber") ?? "") ?? -1, $0.text("optType") ?? "",
                 $0.text("responseDescription"))
            }
        }
    }

    static func registeredReport() -> Data {
        Data(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"><oadr:oadrSignedObject oadr:Id="oadrSignedObject"><oadr:oadrRegisteredReport ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">r</requestID></ei:eiResponse><ei:venID>ven-1</ei:venID></oadr:oadrRegisteredReport></oadr:oadrSignedObject></oadr:oadrPayload>
            """.utf8)
    }

    /// Runs on a free port and calls `body` with the base URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("/OpenADR2/Simple/2.0b/:service") { request, context -> Response in
            let service = context.parameters.get("service") ?? ""
            let bytes = try await request.body.collect(upTo: 1 << 20)
            let data = Data(buffer: bytes)
            self.received.withLock {
                $0.append(Received(service: service, contentType: request.headers[.contentType], body: String(decoding: data, as: UTF8.self), root: try? OpenADRXMLReader.read(data)))
            }
            let scripted = self.script.withLock { script -> Answer? in
                guard var answers = script[service], !answers.isEmpty else { return nil }
                let first = answers.removeFirst()
                script[service] = answers
                return first
            }
            let answer: Answer
            switch (scripted, service) {
            case (let scripted?, _): answer = scripted
            case (nil, "EiRegisterParty"): answer = .document(OpenADRSamples.createdPartyRegistration)
            case (nil, "EiReport"): answer = .document(Self.registeredReport())
            default: answer = .document(OpenADRSamples.response)
            }
            switch answer {
            case .document(let document):
                return Response(status: .ok, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(data: document)))
            case .status(let code):
                return Response(status: HTTPResponse.Status(code: code), body: .init(byteBuffer: ByteBuffer(string: "no")))
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }
}

/// A forecast sink that records what feeds hand it.
final class RecordingSink: ForecastSink {
    let updates = Mutex<[ForecastUpdate]>([])
    let failures = Mutex<[String]>([])

    func received(_ update: ForecastUpdate) async throws {
        updates.withLock { $0.append(update) }
    }

    func failed(dso: String, feed: String, reason: String, at time: Date) async {
        failures.withLock { $0.append(reason) }
    }
}
