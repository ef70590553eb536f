public import Logging
public import StationCore
import Synchronization

/// One side of an OCPP-J connection, independent of the transport.
///
/// The endpoint is handed a `send` function for outgoing text frames and is fed every incoming text frame
/// through `receive(_:)`. Outgoing calls go out one at a time (the OCPP-J rule: one outstanding CALL per
/// direction), the others wait in a FIFO queue; each gets its answer, a CALLERROR, or a timeout on the
/// injected clock. Incoming calls are dispatched to the handlers registered with `on(_:handler:)` and
/// answered in the order they arrived. No input makes it fail: a broken frame is answered with the
/// version's CALLERROR when its message id can be recovered, and dropped (and logged) otherwise.
public actor OCPPEndpoint<Version: OCPPProtocolVersion> {
    /// Sends one text frame over the transport.
    public typealias Send = @Sendable (String) async throws -> Void

    /// A typed handler behind the type erasure: decodes, handles, encodes.
    typealias Handler = @Sendable (JSONValue) async -> Result<JSONValue, OCPPCallError>
    /// The same for a handler that answers without suspending.
    typealias ImmediateHandler = @Sendable (JSONValue) -> Result<JSONValue, OCPPCallError>

    /// An outgoing call waiting for its turn or for its answer.
    struct PendingCall {
        let id: String
        let action: String
        let frame: String
        let continuation: CheckedContinuation<Result<JSONValue, OCPPError>, Never>
    }

    /// The call on the wire and the timer that ends it.
    struct CallInFlight {
        let call: PendingCall
        let timer: Task<Void, Never>
    }

    /// Something the endpoint must answer, in arrival order.
    enum IncomingItem {
        case call(id: String, action: String, payload: JSONValue)
        case refusal(id: String, error: OCPPCallError)
    }

    /// A frame waiting to be handed to `send`; `callID` is set for our own CALLs.
    struct OutgoingFrame {
        let text: String
        let callID: String?
    }

    public nonisolated let version: OCPPVersion
    public nonisolated let configuration: Configuration
    let clock: any StationClock
    let logger: Logger
    let send: Send
    let decoder: PayloadDecoder
    let encoder = PayloadEncoder()

    var handlers: [String: Handler] = [:]
    /// Read by `triage(_:)` on the transport's thread, hence behind a lock rather than the actor.
    nonisolated let immediateHandlers = Mutex<[String: ImmediateHandler]>([:])
    var queue: [PendingCall] = []
    var inFlight: CallInFlight?
    var inbox: [IncomingItem] = []
    var isAnswering = false
    var outbox: [OutgoingFrame] = []
    var isSending = false
    /// Whether `close()` was called; a closed endpoint ignores input and refuses calls.
    public private(set) var isClosed = false

    public init(
        configuration: Configuration = Configuration(), clock: any StationClock,
        logger: Logger = Logger(label: "ocpp"), send: @escaping Send
    ) {
        version = Version.version
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        self.send = send
        decoder = PayloadDecoder(
            version: Version.version, rejectsUnknownProperties: configuration.rejectsUnknownProperties)
    }

    /// How many outgoing calls are waiting or on the wire.
    public var pendingCallCount: Int {
        queue.count + (inFlight == nil ? 0 : 1)
    }

    /// Fails every pending call with `OCPPError.closed`, stops answering and lets go of the handlers.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        let failed = (inFlight.map { [$0.call] } ?? []) + queue
        inFlight?.timer.cancel()
        inFlight = nil
        queue = []
        inbox = []
        outbox = []
        for call in failed {
            call.continuation.resume(returning: .failure(.closed))
        }
        // A handler often holds the session that owns this endpoint: keeping it would keep both alive.
        handlers = [:]
        immediateHandlers.withLock { $0 = [:] }
        logger.debug("OCPP endpoint closed", metadata: ["failedCalls": "\(failed.count)"])
    }
}

/// An endpoint for OCPP 1.6.
public typealias OCPP16Endpoint = OCPPEndpoint<OCPP16>
/// An endpoint for OCPP 2.0.1.
public typealias OCPP201Endpoint = OCPPEndpoint<OCPP201>
