import Foundation
import Logging
import ServiceLifecycle
import StationCore
import SupplyPlanning
import Synchronization

/// Plans the energy supply and applies it: runs the DSOs' feeds, builds the planner's input from the registry,
/// the groups, the policy and the stored forecasts for the next `horizonWindows` windows, stores the plan,
/// sends each station its PriceSchedule and grid cap when they changed, and delivers supply requests to DSOs.
///
/// It plans at every window boundary, at least every `replanInterval`, and when woken (a forecast stored, a
/// feed failing, the registry, the groups or the policy changed, a station booted). Each station is sent to in
/// a task of its own (up to `maxConcurrentStations` at once), so one that does not answer delays no other; a
/// station that refused or did not answer is tried again after `retryInterval`, or at once when it boots.
final class SupplyService: Service, Sendable {
    struct Stores: Sendable {
        var dsos: DSOStore
        var groups: SupplyGroupStore
        var policy: SupplyPolicyStore
        var forecasts: ForecastStore
        var plan: SupplyPlanStore
        var sent: SupplySentStore
        var requests: SupplyRequestStore
        var registry: StationRegistry

        init(database: any CPMSDatabase, forecasts: ForecastStore) {
            dsos = DSOStore(database: database)
            groups = SupplyGroupStore(database: database)
            policy = SupplyPolicyStore(database: database)
            self.forecasts = forecasts
            plan = SupplyPlanStore(database: database)
            sent = SupplySentStore(database: database)
            requests = SupplyRequestStore(database: database)
            registry = StationRegistry(database: database)
        }
    }

    private struct State {
        /// Stations being sent to now.
        var busy: Set<String> = []
        /// Stations planned again while busy: looked at again when their worker ends.
        var again: Set<String> = []
        /// Stations that refused or did not answer, and the uptime they are tried again at.
        var retryAt: [String: Duration] = [:]
        /// Supply requests being delivered now.
        var requestsInFlight = 0
        /// The choices last stored, from their first window: an unchanged plan is not written again.
        var stored: [SupplyChoice] = []
    }

    let stores: Stores
    let sender: any SupplyStationSender
    let feeds: SupplyFeedRunner
    let clock: any StationClock
    let settings: SupplySettings
    let logger: Logger
    private let wakeSignal: WakeSignal
    private let state = Mutex(State())
    private let owner = "cpms-\(UUID().uuidString.lowercased().prefix(8))"

    init(
        stores: Stores, sender: any SupplyStationSender, feeds: SupplyFeedRunner, wake: WakeSignal, clock: any StationClock, settings: SupplySettings,
        logger: Logger
    ) {
        self.stores = stores
        self.sender = sender
        self.feeds = feeds
        self.wakeSignal = wake
        self.clock = clock
        self.settings = settings
        var logger = logger
        logger[metadataKey: "service"] = "supply"
        self.logger = logger
    }

    /// Something the plan depends on changed: plan again now.
    func wake() {
        wakeSignal.signal()
    }

    /// A station booted on a new connection: what it missed goes out now.
    func stationBooted(_ station: String) {
        state.withLock { $0.retryAt[station] = nil }
        wakeSignal.signal()
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                while !Task.isCancelled {
                    let next = await self.pass(starting: &group)
                    await self.wakeSignal.wait(until: next, on: self.clock)
                }
                group.cancelAll()
            }
        }
        await feeds.stopAll()
    }

    /// One look: feeds synced, a new plan stored, stations and supply requests sent to. Returns the uptime of the next.
    func pass(starting group: inout DiscardingTaskGroup) async -> Duration {
        let uptime = clock.uptime
        let now = clock.wallTime
        let windowEnd = SupplyWindow(containing: now).end
        var next = min(uptime + settings.replanInterval, uptime + .milliseconds(Int64(max(0, windowEnd.timeIntervalSince(now)) * 1000) + 1))
        do {
            let dsos = try await stores.dsos.all().map(\.dso)
            await feeds.sync(dsos)
            let plan = try await plan(dsos: dsos, at: now)
            send(plan, at: now, starting: &group)
            try await enqueueShortfalls(plan, at: now)
        } catch {
            logger.error("cannot plan the supply: \(String(reflecting: error))")
            next = min(next, uptime + .seconds(5))
        }
        do {
            if let due = try await dispatchRequests(at: now, starting: &group) {
                next = min(next, uptime + .milliseconds(Int64(max(0, due.timeIntervalSince(now)) * 1000)))
            }
        } catch {
            logger.error("cannot read the supply requests: \(String(reflecting: error))")
        }
        if let retry = state.withLock({ $0.retryAt.values.min() }) { next = min(next, max(retry, uptime)) }
        return next
    }

    /// Builds the input, plans, and stores the plan from the current window on.
    func plan(dsos: [DSO], at now: Date) async throws -> SupplyPlan {
        let windows = SupplyWindow.windows(from: now, count: settings.horizonWindows)
        guard let first = windows.first, let last = windows.last else {
            return SupplyPlan(currency: settings.currency, choices: [], stations: [], shortfalls: [])
        }
        let stations = try await stores.registry.all().map(\.id)
        let groups = PlanningGroups.make(
            defined: try await stores.groups.all(), stations: stations, defaultConnectionLimitW: settings.defaultConnectionLimitW)
        let forecasts = try await stores.forecasts.forecasts(from: first.start, to: last.end)
        let statuses = try await stores.forecasts.statuses()
        let suppliers = dsos.map { SupplierOffers.make(dso: $0, forecasts: forecasts, statuses: statuses, windows: windows, now: now) }
        let input = PlanningInput(
            windows: windows, groups: groups, suppliers: suppliers, policy: try await stores.policy.current().policy, currency: settings.currency,
            unsuppliedPricePerKWh: settings.unsuppliedPricePerKWh)
        var plan = SupplyPlanner.plan(input)
        plan.choices = plan.choices.map { choice in
            var choice = choice
            if let supplier = choice.supplier, let offer = suppliers.first(where: { $0.id == supplier })?.windows[choice.window], offer.quality != .fresh {
                let note = "\(supplier): \(offer.source)"
                if !choice.reasons.contains(note) { choice.reasons.append(note) }
            }
            return choice
        }
        if state.withLock({ $0.stored != plan.choices }) {
            let byID = Dictionary(dsos.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            try await stores.plan.replace(from: first.start, with: plan, at: now) { choice in
                choice.supplier.flatMap { byID[$0] }.flatMap {
                    SupplierOffers.energyMix(dso: $0, forecasts: forecasts, statuses: statuses, window: choice.window, now: now)
                }
            }
            state.withLock { $0.stored = plan.choices }
        }
        return plan
    }

    /// Sends to every station of the plan that is not being sent to and is not waiting for a retry, in a task
    /// of its own that keeps `maxConcurrentStations` stations going at once.
    private func send(_ plan: SupplyPlan, at now: Date, starting group: inout DiscardingTaskGroup) {
        let uptime = clock.uptime
        // A station whose group no DSO's contract covers keeps its own tariff and grid limit: it is sent nothing,
        // and told to drop what cpms sent it before.
        let covered = Set(plan.choices.filter { $0.supplier != nil }.map(\.group))
        var due: [StationSupply] = []
        for var supply in plan.stations {
            if !covered.contains(supply.group) { supply.slots = [] }
            let start: Bool = state.withLock { state in
                if state.busy.contains(supply.station) {
                    state.again.insert(supply.station)
                    return false
                }
                if let retry = state.retryAt[supply.station], retry > uptime { return false }
                state.retryAt[supply.station] = nil
                state.busy.insert(supply.station)
                return true
            }
            if start { due.append(supply) }
        }
        guard !due.isEmpty else { return }
        let limit = max(1, settings.maxConcurrentStations)
        group.addTask {
            await withTaskGroup(of: Void.self) { workers in
                var queue = due.makeIterator()
                for _ in 0..<limit {
                    guard let supply = queue.next() else { break }
                    workers.addTask { await self.deliver(supply) }
                }
                // Each station that is done makes room for the next.
                while await workers.next() != nil {
                    guard !Task.isCancelled, let supply = queue.next() else { continue }
                    workers.addTask { await self.deliver(supply) }
                }
            }
        }
    }

    /// Sends the station what changed of its schedule and cap.
    private func deliver(_ supply: StationSupply) async {
        let station = supply.station
        var retry = false
        defer {
            let again = state.withLock { state in
                state.busy.remove(station)
                if retry { state.retryAt[station] = clock.uptime + settings.retryInterval }
                return state.again.remove(station) != nil
            }
            if again || retry { wakeSignal.signal() }
        }
        guard await sender.isReady(station) else { return }
        let now = clock.wallTime
        do {
            let record = try await stores.sent.record(station)
            let schedule = StationSupplyContent.schedule(supply)
            if schedule.needsSending(after: record?.schedule, now: now, refreshBefore: settings.refreshBefore) {
                let version = try await stores.sent.nextScheduleVersion(station)
                let outcome = await sender.sendPriceSchedule(StationSupplyMessages.priceSchedule(supply, version: version), to: station)
                retry = try await store(outcome, .schedule, content: schedule, station: station) || retry
                if retry { return }
            }
            let cap = StationSupplyContent.cap(supply)
            if cap.needsSending(after: record?.cap, now: now, refreshBefore: settings.refreshBefore) {
                let outcome: SupplySendOutcome
                if let profile = StationSupplyMessages.capProfile(supply) {
                    outcome = await sender.sendCapProfile(profile, to: station)
                } else {
                    outcome = await sender.clearCapProfile(id: StationSupplyMessages.capProfileID, at: station)
                }
                retry = try await store(outcome, .cap, content: cap, station: station) || retry
            }
        } catch {
            logger.error("cannot send \(station) its supply: \(String(reflecting: error))")
            retry = true
        }
    }

    /// Stores the station's answer; true when it must be tried again.
    private func store(_ outcome: SupplySendOutcome, _ item: SupplySentStore.Item, content: StationSupplyContent, station: String) async throws -> Bool {
        let what = item == .schedule ? "price schedule" : "grid cap profile"
        switch outcome {
        case .accepted:
            try await stores.sent.store(item, station: station, hash: content.hash, json: content.json, at: clock.wallTime, refusal: nil)
            logger.info("\(station) accepted its \(what)")
            return false
        case .refused(let reason):
            try await stores.sent.store(item, station: station, hash: content.hash, json: content.json, at: clock.wallTime, refusal: reason)
            logger.warning("\(station) refused its \(what): \(reason); tried again in \(settings.retryInterval)")
            return true
        case .notDelivered(let reason):
            logger.notice("\(station): \(what) not delivered (\(reason)); tried again later")
            return true
        }
    }

    /// Queues a supply request per DSO, group and contiguous span of the plan's shortfalls.
    private func enqueueShortfalls(_ plan: SupplyPlan, at now: Date) async throws {
        for request in Self.coalesce(plan.shortfalls) {
            if let id = try await stores.requests.enqueue(request, origin: "plan", at: now) {
                logger.info("supply request \(id) queued for \(request.dso), group \(request.group): \(request.capacityW) W")
            }
        }
    }

    /// Contiguous shortfall windows of one supplier and group as one request for the most they lacked.
    static func coalesce(_ shortfalls: [SupplyShortfall]) -> [SupplyRequest] {
        var requests: [SupplyRequest] = []
        let sorted = shortfalls.filter { $0.supplier != nil }.sorted { ($0.supplier ?? "", $0.group, $0.window) < ($1.supplier ?? "", $1.group, $1.window) }
        for shortfall in sorted {
            guard let supplier = shortfall.supplier else { continue }
            if var last = requests.last, last.dso == supplier, last.group == shortfall.group, last.end == shortfall.window.start {
                last.end = shortfall.window.end
                last.capacityW = max(last.capacityW, shortfall.neededW)
                requests[requests.count - 1] = last
            } else {
                requests.append(SupplyRequest(
                    dso: supplier, group: shortfall.group, start: shortfall.window.start, end: shortfall.window.end, capacityW: shortfall.neededW,
                    reason: "plan shortfall: group \(shortfall.group) allotted \(Int(shortfall.allottedW)) of \(Int(shortfall.neededW)) W"))
            }
        }
        return requests
    }

    /// Claims due supply requests and delivers each in a task of its own; returns when the next one is due.
    private func dispatchRequests(at now: Date, starting group: inout DiscardingTaskGroup) async throws -> Date? {
        let room = state.withLock { 16 - $0.requestsInFlight }
        if room > 0 {
            let jobs = try await stores.requests.claim(limit: room, at: now, leaseUntil: now.addingTimeInterval(settings.requestLease.inSeconds), owner: owner)
            state.withLock { $0.requestsInFlight += jobs.count }
            for job in jobs { group.addTask { await self.deliver(job) } }
        }
        return try await stores.requests.nextDue()
    }

    private func deliver(_ job: SupplyRequestJob) async {
        defer {
            state.withLock { $0.requestsInFlight -= 1 }
            wakeSignal.signal()
        }
        let request = job.request
        let outcome: SupplyRequestOutcome
        let registered = try? await stores.dsos.entry(request.dso) != nil
        if registered == nil {
            outcome = .notDelivered("cannot read the DSO registry")
        } else if registered == false {
            outcome = .refused("DSO \(request.dso) is not registered")
        } else if let requester = await feeds.requester(for: request.dso) {
            outcome = await requester.request(request)
        } else {
            let kinds = await feeds.kinds(of: request.dso)
            outcome = .refused("DSO \(request.dso) has no feed that takes supply requests (feeds: \(kinds.isEmpty ? "none" : kinds.joined(separator: ", ")))")
        }
        let now = clock.wallTime
        do {
            switch outcome {
            case .delivered:
                try await stores.requests.finish(job.id, state: .delivered, outcome: nil, owner: owner, at: now)
                logger.info("supply request \(job.id) delivered to \(request.dso)")
            case .refused(let reason):
                try await stores.requests.finish(job.id, state: .refused, outcome: reason, owner: owner, at: now)
                logger.warning("supply request \(job.id) refused: \(reason)")
            case .notDelivered(let reason):
                let pause = min(900, settings.requestBackoff.inSeconds * pow(2, Double(min(job.attempts, 10))))
                try await stores.requests.retry(job.id, reason: reason, owner: owner, at: now, next: now.addingTimeInterval(pause))
                logger.notice("supply request \(job.id) not delivered (\(reason)); tried again in \(Int(pause)) s")
            }
        } catch {
            logger.error("cannot store the outcome of supply request \(job.id): \(String(reflecting: error))")
        }
    }
}

