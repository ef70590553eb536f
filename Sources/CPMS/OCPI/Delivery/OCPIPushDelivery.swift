public import Foundation
public import Logging
import NIOHTTP1
import OCPI
public import ServiceLifecycle
public import StationCore
import Synchronization

/// Delivers the OCPI push queue: claims due pushes with a lease and sends each to its eMSP, strictly in `seq`
/// order per eMSP and object, retrying with backoff what may go through later and setting aside what cannot.
///
/// Each claimed push is its own task: different objects and different eMSPs never wait for one another, and an
/// eMSP that is slow or down holds at most `maxInFlightPerEMSP` calls. It wakes when a
/// producer calls `wake()` (through `OCPIPushQueue.wake`), when a delivery ends (the object's next push may go
/// at once), and every `pollInterval` (retries that came due, pushes enqueued by another cpms process).
/// Leases make it safe to run in several processes on one PostgreSQL database (`FOR UPDATE SKIP LOCKED`), and
/// a push whose worker died is claimed again once its lease has run out: the eMSP may then receive it twice,
/// always with the same `X-Request-ID`.
public final class OCPIPushDelivery: Service, Sendable {
    public struct Settings: Sendable {
        /// The longest wait between two looks at the queue.
        public var pollInterval: Duration = .seconds(1)
        /// The wait after a failed attempt.
        public var backoff = OCPIPushBackoff()
        /// How long a claimed push is held by this worker; longer than one call may take. A push whose worker
        /// died (a cpms process killed) is sent again once its lease has run out.
        public var lease: Duration = .seconds(40)
        /// Pushes in flight at once, over all eMSPs: a bound on resources, far above what eMSPs hold each.
        public var maxInFlight = 1_024
        /// Pushes in flight at once to one eMSP: an eMSP that is slow or down holds no more.
        public var maxInFlightPerEMSP = 16
        /// Draws the backoff's random share (0...1).
        public var draw: @Sendable () -> Double = { Double.random(in: 0...1) }
        /// Only these eMSPs' pushes (nil: every eMSP's): for tests that share one database.
        public var onlyParties: Set<String>?

        public init() {}
    }

    /// One attempt and what became of it, for observers (metrics, tests).
    public struct Attempt: Sendable {
        public var push: OCPIQueuedPush
        public var outcome: OCPIPushOutcome
        /// When the push is tried again (for `.retry`).
        public var nextAttempt: Date?
    }

    private struct State {
        var inFlight: [String: Int] = [:]
        var total = 0
    }

    let store: OCPIPushStore
    let parties: OCPIPartyStore
    let client: OCPIClient
    let clock: any StationClock
    let settings: Settings
    let logger: Logger
    /// This worker's name in `lease_owner`.
    let owner = "delivery-" + UUID().uuidString.lowercased()
    let observer: (@Sendable (Attempt) -> Void)?
    private let signal = WakeSignal()
    private let state = Mutex(State())

    public init(
        database: any CPMSDatabase, client: OCPIClient, clock: any StationClock, settings: Settings = Settings(), logger: Logger,
        observer: (@Sendable (Attempt) -> Void)? = nil
    ) {
        store = OCPIPushStore(database: database)
        parties = OCPIPartyStore(database: database)
        self.client = client
        self.clock = clock
        self.settings = settings
        var logger = logger
        logger[metadataKey: "service"] = "ocpi-push-delivery"
        self.logger = logger
        self.observer = observer
    }

    /// Something was enqueued: look at the queue now.
    public func wake() {
        signal.signal()
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    // The next look is due `pollInterval` after this one began: time that passed during it counts.
                    let began = self.clock.uptime
                    await self.claimDue(into: &group)
                    await self.signal.wait(until: began + self.settings.pollInterval, on: self.clock)
                }
                group.cancelAll()
            }
        }
    }

    /// Claims what is due for each eMSP with free slots, and starts a delivery task for each push.
    private func claimDue(into group: inout DiscardingTaskGroup) async {
        let now = clock.wallTime
        let candidates: [String]
        do {
            candidates = try await store.partiesWithClaimablePushes(at: now).filter { settings.onlyParties?.contains($0) ?? true }
        } catch {
            if Task.isCancelled { return }
            logger.error("cannot read the OCPI push queue: \(String(reflecting: error))")
            return
        }
        for party in candidates {
            let free = state.withLock { min(settings.maxInFlightPerEMSP - $0.inFlight[party, default: 0], settings.maxInFlight - $0.total) }
            guard free > 0 else { continue }
            let claimed: [OCPIQueuedPush]
            do {
                claimed = try await store.claim(
                    party: party, limit: free, at: now, leaseUntil: now.addingTimeInterval(settings.lease.inSeconds), owner: owner)
            } catch {
                logger.error("cannot claim pushes for the eMSP \(party): \(String(reflecting: error))")
                continue
            }
            guard !claimed.isEmpty else { continue }
            state.withLock {
                $0.inFlight[party, default: 0] += claimed.count
                $0.total += claimed.count
            }
            for push in claimed {
                group.addTask { await self.deliver(push) }
            }
        }
    }

    private func deliver(_ push: OCPIQueuedPush) async {
        defer {
            state.withLock {
                $0.inFlight[push.party, default: 1] -= 1
                if $0.inFlight[push.party] == 0 { $0.inFlight[push.party] = nil }
                $0.total -= 1
            }
            signal.signal()
        }
        let outcome = await attempt(push)
        if Task.isCancelled, outcome != .delivered {
            try? await store.release(push, owner: owner)
            return
        }
        let now = clock.wallTime
        var next: Date?
        do {
            let stored: Bool
            switch outcome {
            case .delivered:
                stored = try await store.delivered(push, owner: owner)
            case .retry(let reason):
                let delay = settings.backoff.delay(afterAttempts: push.attempts + 1, draw: settings.draw())
                next = now.addingTimeInterval(delay.inSeconds)
                stored = try await store.retry(push, owner: owner, error: reason, at: now, next: next!)
                logger.notice("push \(push.party)/\(push.seq) \(push.push.method.rawValue) \(push.push.objectKey) failed (attempt \(push.attempts + 1)), again in \(delay): \(reason)")
            case .deadLetter(let reason):
                stored = try await store.deadLetter(push, owner: owner, reason: reason, at: now)
                logger.warning("push \(push.party)/\(push.seq) \(push.push.method.rawValue) \(push.push.objectKey) set aside as a dead letter: \(reason)")
            case .dropped(let reason):
                stored = try await store.delivered(push, owner: owner)
                logger.notice("push \(push.party)/\(push.seq) \(push.push.method.rawValue) \(push.push.objectKey) dropped: \(reason)")
            }
            if !stored { logger.notice("push \(push.party)/\(push.seq): its lease ran out before the outcome (\(outcome.label)) was stored") }
        } catch {
            logger.error("push \(push.party)/\(push.seq): cannot store its outcome (\(outcome.label)); it is tried again after its lease: \(String(reflecting: error))")
        }
        observer?(Attempt(push: push, outcome: outcome, nextAttempt: next))
    }

    /// One call to the eMSP.
    private func attempt(_ queued: OCPIQueuedPush) async -> OCPIPushOutcome {
        let party: OCPIParty?
        do {
            party = try await parties.party(named: queued.party)
        } catch {
            return .retry("cannot read the eMSP \(queued.party): \(error)")
        }
        guard let party, party.status != .unregistered else { return .deadLetter("the eMSP \(queued.party) is no longer registered") }
        guard party.status == .registered, let token = party.outgoingToken else { return .retry("the eMSP \(queued.party) is not registered yet") }
        let url: String
        switch queued.push.target {
        case .url(let absolute):
            url = absolute
        case .module(let module, let path):
            // Enqueued before a credentials update took the endpoint away: no attempt can ever reach a receiver.
            guard let endpoint = party.endpoint(module, role: .receiver) else {
                return .dropped("the eMSP \(queued.party) has no \(module.rawValue) RECEIVER endpoint")
            }
            url = Self.url(endpoint.url, path: path)
        }
        let receiver = party.roles.first { $0.role == .emsp } ?? party.roles.first
        do {
            _ = try await client.call(
                HTTPMethod(rawValue: queued.push.method.rawValue), url, token: token, body: queued.push.body, receiver: receiver,
                requestID: queued.requestID, answer: OCPIReply.Empty.self)
            return .delivered
        } catch {
            return OCPIPushOutcome(error)
        }
    }

    /// `base` and the path's segments, each percent-encoded.
    static func url(_ base: String, path: [String]) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#%")
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return path.reduce(trimmed) { $0 + "/" + ($1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $1) }
    }
}
