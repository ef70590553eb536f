import AsyncHTTPClient
import Foundation
import Logging
import StationCore

/// cpms as the VEN of a DSO's OpenADR 2.0b VTN (simple HTTP pull): registers, polls, turns price and
/// load-control events into forecasts, opts in or out of each event and answers what the VTN asks in between.
///
/// Events are de-duplicated on (eventID, modificationNumber) in `openadr_events`, so a restart neither handles
/// an event twice nor loses one whose forecast the sink had not yet stored.
public struct OpenADRFeed: SupplyFeed {
    public let dso: DSO
    public let settings: OpenADRFeedSettings
    let context: SupplyFeedContext
    /// The longest wait between tries after failures.
    public var maxBackoff: Duration = .seconds(300)

    public init(dso: DSO, settings: OpenADRFeedSettings, context: SupplyFeedContext) {
        self.dso = dso
        self.settings = settings
        self.context = context
    }

    public static let feedKind = "openadr"

    public func run(sink: any ForecastSink) async {
        let usesTLS = settings.clientCertificatePath != nil || settings.clientKeyPath != nil || settings.caCertificatePath != nil
        var client = context.httpClient
        if usesTLS {
            while !Task.isCancelled {
                do {
                    client = try OpenADRTransport.mutualTLSClient(
                        certificatePath: settings.clientCertificatePath, keyPath: settings.clientKeyPath, caCertificatePath: settings.caCertificatePath)
                    break
                } catch {
                    await sink.failed(dso: dso.id, feed: Self.feedKind, reason: error.description, at: context.clock.wallTime)
                    guard (try? await context.clock.sleep(for: maxBackoff)) != nil else { return }
                }
            }
        }
        guard !Task.isCancelled else { return }
        let ven = OpenADRVEN(feed: self, transport: OpenADRTransport(vtnURL: settings.vtnURL, httpClient: client), sink: sink)
        await ven.run()
        if usesTLS, client !== context.httpClient { try? await client.shutdown() }
    }
}

/// One running VEN: its registration and the poll loop. Lives in the feed's task only.
final class OpenADRVEN {
    let feed: OpenADRFeed
    let transport: OpenADRTransport
    let sink: any ForecastSink
    let store: OpenADREventStore
    var venID: String?
    var registrationID: String?
    var pollInterval: Duration
    var failures = 0
    /// Whether to ask for all events before the next poll: after registering, and after a failure (a VTN such as
    /// openleadr sends an event in a poll answer once; one lost to a failure comes back only this way).
    var needsEvents = true

    init(feed: OpenADRFeed, transport: OpenADRTransport, sink: any ForecastSink) {
        self.feed = feed
        self.transport = transport
        self.sink = sink
        store = OpenADREventStore(database: feed.context.database)
        pollInterval = Self.interval(seconds: feed.settings.pollIntervalSeconds)
    }

    /// A poll interval between 0.1 s and a day, whatever the settings or the VTN say.
    static func interval(seconds: Double) -> Duration {
        guard seconds.isFinite else { return .seconds(10) }
        return .milliseconds(Int64(min(max(0.1, seconds), 86_400) * 1000))
    }

    var clock: any StationClock { feed.context.clock }
    var logger: Logger { feed.context.logger }

    func run() async {
        while !Task.isCancelled {
            do {
                try await deliverPending()
                if venID == nil { try await register() }
                if needsEvents, let venID {
                    try await answer(try await transport.send(.requestEvent(requestID: Self.requestID(), venID: venID)), venID: venID)
                    needsEvents = false
                }
                try await pollOnce()
                failures = 0
                try await clock.sleep(for: pollInterval)
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                failures += 1
                needsEvents = true
                let reason = (error as? OpenADRFeedError)?.description ?? String(describing: error)
                logger.warning("OpenADR feed of DSO \(feed.dso.id): \(reason)")
                await sink.failed(dso: feed.dso.id, feed: OpenADRFeed.feedKind, reason: reason, at: clock.wallTime)
                guard (try? await clock.sleep(for: backoff())) != nil else { return }
            }
        }
    }

    /// The poll interval doubled per failure in a row, up to the feed's maximum.
    func backoff() -> Duration {
        var wait = max(pollInterval, .seconds(1))
        for _ in 1..<min(failures, 16) { wait = wait * 2 }
        return min(wait, feed.maxBackoff)
    }

    func register() async throws {
        let registration = try await transport.send(
            .createPartyRegistration(requestID: Self.requestID(), venName: feed.settings.venName, venID: nil, registrationID: nil))
        guard case .createdPartyRegistration(let status, let venID, let registrationID, let frequency) = registration else {
            throw OpenADRFeedError("the VTN answered oadrCreatePartyRegistration with \(registration)")
        }
        guard status.isSuccess else { throw OpenADRFeedError("the VTN refused the registration: \(status.code) \(status.description ?? "")") }
        guard let venID else { throw OpenADRFeedError("the VTN did not accept the registration (no venID)") }
        var seconds = feed.settings.pollIntervalSeconds
        if let frequency, frequency > 0 { seconds = min(seconds, frequency) }
        pollInterval = Self.interval(seconds: seconds)
        self.venID = venID
        self.registrationID = registrationID
        needsEvents = true
        logger.info("OpenADR: registered with the VTN of DSO \(feed.dso.id) as VEN \(venID), polling every \(pollInterval)")
        let reports = try await transport.send(.registerReport(requestID: Self.requestID(), venID: venID))
        switch reports {
        case .registeredReport(let status), .response(let status):
            guard status.isSuccess else { throw OpenADRFeedError("the VTN refused oadrRegisterReport: \(status.code) \(status.description ?? "")") }
        default:
            try await answer(reports, venID: venID)
        }
    }

    func pollOnce() async throws {
        guard let venID else { return }
        let answer = try await transport.send(.poll(venID: venID))
        if case .response(let status) = answer, !status.isSuccess {
            self.venID = nil
            throw OpenADRFeedError("the VTN refused oadrPoll: \(status.code) \(status.description ?? ""); registering again")
        }
        try await self.answer(answer, venID: venID)
    }

    /// Handles what a poll (or a report registration) returned, answering the VTN where the protocol asks.
    func answer(_ message: OpenADRVTNMessage, venID: String) async throws {
        switch message {
        case .response, .registeredReport, .createdPartyRegistration:
            return
        case .distributeEvent(let status, let requestID, let events):
            if let status, !status.isSuccess { throw OpenADRFeedError("oadrDistributeEvent carries \(status.code) \(status.description ?? "")") }
            try await distribute(events, requestID: requestID, venID: venID)
        case .registerReport(let requestID):
            try expectSuccess(try await transport.send(.registeredReport(requestID: requestID, venID: venID)), "oadrRegisteredReport")
        case .createReport(let requestID):
            try expectSuccess(try await transport.send(.createdReport(requestID: requestID, venID: venID)), "oadrCreatedReport")
        case .requestReregistration:
            _ = try? await transport.send(.response(requestID: "", venID: venID))
            self.venID = nil
            try await register()
        case .cancelPartyRegistration(let requestID, let registrationID):
            _ = try? await transport.send(
                .canceledPartyRegistration(requestID: requestID, registrationID: registrationID.isEmpty ? (self.registrationID ?? "") : registrationID, venID: venID))
            self.venID = nil
            try await register()
        case .other(let name):
            logger.notice("OpenADR: DSO \(feed.dso.id)'s VTN sent \(name), which cpms does not handle")
        }
    }

    private func expectSuccess(_ answer: OpenADRVTNMessage, _ sent: String) throws {
        switch answer {
        case .response(let status), .registeredReport(let status):
            guard status.isSuccess else { throw OpenADRFeedError("the VTN refused \(sent): \(status.code) \(status.description ?? "")") }
        default:
            return
        }
    }

    /// Records each event (or finds it a duplicate), hands the changed spans to the sink, then opts in or out.
    func distribute(_ events: [OpenADRElement], requestID: String, venID: String) async throws {
        var responses: [OpenADRVENMessage.EventResponse] = []
        var unreadable: [String] = []
        for element in events {
            guard let reference = OpenADREventReference(element) else {
                unreadable.append("an event without eventID or modificationNumber cannot be answered")
                continue
            }
            let responseRequired = (element.text("oadrResponseRequired") ?? "always") != "never"
            let outcome: OpenADREventStore.Outcome
            var handling = OpenADREventStore.Handling(opt: .optIn, intervals: [])
            if let seen = try await store.seen(dso: feed.dso.id, reference) {
                outcome = seen
            } else {
                handling = handle(element)
                outcome = try await store.record(dso: feed.dso.id, reference, handling, at: clock.wallTime)
                if case .recorded = outcome { logger.info("OpenADR: DSO \(feed.dso.id) event \(reference.eventID) (modification \(reference.modificationNumber)): \(handling.opt.rawValue)\(handling.reason.map { ", \($0)" } ?? "")") }
            }
            guard responseRequired else { continue }
            switch outcome {
            case .recorded:
                responses.append(.init(eventID: reference.eventID, modificationNumber: reference.modificationNumber, requestID: requestID, opt: handling.opt, reason: handling.reason))
            case .duplicate(let opt, let reason):
                responses.append(.init(eventID: reference.eventID, modificationNumber: reference.modificationNumber, requestID: requestID, opt: opt, reason: reason))
            }
        }
        var sinkError: (any Error)?
        do { try await deliverPending() } catch { sinkError = error }
        if !responses.isEmpty {
            let answer = try await transport.send(.createdEvent(venID: venID, responses: responses))
            try expectSuccess(answer, "oadrCreatedEvent")
        }
        if let sinkError { throw sinkError }
        if !unreadable.isEmpty { throw OpenADRFeedError(unreadable.joined(separator: "; ")) }
    }

    /// What cpms makes of one event: opt in with its intervals, or out with the reason (a cancelled event is
    /// acknowledged with optIn and contributes nothing).
    func handle(_ element: OpenADRElement) -> OpenADREventStore.Handling {
        let event: OpenADREvent
        do {
            event = try OpenADREvent(element)
        } catch {
            return .init(opt: .optOut, reason: "cannot read the event: \(error.description)", intervals: [])
        }
        if event.isCancelled { return .init(opt: .optIn, intervals: []) }
        switch OpenADRSignalMapping.intervals(of: event, contract: feed.dso.contract) {
        case .success(let intervals): return .init(opt: .optIn, intervals: intervals)
        case .failure(let refusal): return .init(opt: .optOut, reason: refusal.reason, intervals: [])
        }
    }

    /// Hands every span an event changed to the sink as the events' merged forecast over it.
    func deliverPending() async throws {
        for span in try await store.pending(dso: feed.dso.id) {
            let events = try await store.forecasts(dso: feed.dso.id, from: span.start, to: span.end)
            let intervals = OpenADRForecastMerge.intervals(from: span.start, to: span.end, events: events, groups: feed.dso.contract.groups)
            let update = ForecastUpdate(
                dso: feed.dso.id, feed: OpenADRFeed.feedKind, intervals: intervals,
                source: "openadr event \(span.reference.eventID) (modification \(span.reference.modificationNumber))", receivedAt: clock.wallTime)
            try await sink.received(update)
            try await store.delivered(dso: feed.dso.id, span.reference)
        }
    }

    static func requestID() -> String {
        UUID().uuidString.lowercased()
    }
}
