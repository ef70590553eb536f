import CPMS
import Foundation

/// A VTN's answer or poll answer as cpms's VEN reads it: the input is the XML document. It is read as an
/// `oadrPayload` or refused saying why; each event of an `oadrDistributeEvent` is read and mapped onto a contract
/// (prices, caps) or opted out of with the reason, and cpms's `oadrCreatedEvent` answer for them is XML that
/// reads again with one response per event, each for its event.
enum OpenADRFuzzing {
    static let contract = SupplyContract(groups: ["north", "south"], capacityW: 100_000, currency: "EUR", fallbackPricePerKWh: 0.25)

    static func run(_ input: [UInt8]) {
        let message: OpenADRVTNMessage
        do {
            message = try OpenADRVTNMessage.read(Data(input))
        } catch {
            precondition(!error.description.isEmpty, "openadr: a document refused without saying why")
            return
        }
        switch message {
        case .createdPartyRegistration(_, _, _, let poll):
            if let poll { precondition(poll.isFinite, "openadr: a poll frequency of \(poll) s") }
        case .distributeEvent(_, let requestID, let events):
            distribute(events, requestID: requestID)
        default:
            break
        }
    }

    static func distribute(_ events: [OpenADRElement], requestID: String) {
        var responses: [OpenADRVENMessage.EventResponse] = []
        for element in events {
            guard let reference = OpenADREventReference(element) else { continue }
            var opt = OpenADROpt.optIn
            var reason: String?
            do {
                let event = try OpenADREvent(element)
                precondition(event.durationSeconds.isFinite && event.durationSeconds >= 0, "openadr: an event lasting \(event.durationSeconds) s")
                if !event.isCancelled {
                    switch OpenADRSignalMapping.intervals(of: event, contract: contract) {
                    case .success(let intervals): SupplyOracle.check(intervals, target: "openadr")
                    case .failure(let refusal):
                        precondition(!refusal.reason.isEmpty, "openadr: an event opted out of without a reason")
                        (opt, reason) = (.optOut, refusal.reason)
                    }
                }
            } catch {
                precondition(!error.description.isEmpty, "openadr: an event refused without saying why")
                (opt, reason) = (.optOut, "cannot read the event: \(error.description)")
            }
            responses.append(.init(
                eventID: reference.eventID, modificationNumber: reference.modificationNumber, requestID: requestID, opt: opt, reason: reason))
        }
        guard !responses.isEmpty else { return }
        let answer = OpenADRVENMessage.createdEvent(venID: "ven-1", responses: responses).document
        let read: OpenADRElement
        do {
            read = try OpenADRXMLReader.read(answer)
        } catch {
            preconditionFailure("openadr: cpms's oadrCreatedEvent is not XML it reads: \(error)\n\(String(decoding: answer, as: UTF8.self))")
        }
        let written = read.find("oadrSignedObject", "oadrCreatedEvent", "eiCreatedEvent", "eventResponses")?.children("eventResponse") ?? []
        precondition(written.count == responses.count, "openadr: \(responses.count) responses written as \(written.count)")
        for (response, element) in zip(responses, written) {
            precondition(
                element.text("qualifiedEventID", "modificationNumber") == String(response.modificationNumber)
                    && element.text("optType") == response.opt.rawValue,
                "openadr: the response for \(response.eventID) reads back differently")
        }
    }
}
