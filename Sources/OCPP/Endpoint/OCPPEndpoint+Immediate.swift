import Logging

/// An incoming text frame, parsed once: answered on the spot by `OCPPEndpoint.triage(_:)` or handed on to
/// `OCPPEndpoint.receive(_:)`.
public struct IncomingFrame: Sendable {
    let parsed: Result<OCPPFrame, FrameError>

    init(text: String, maximumSize: Int) {
        do throws(FrameError) {
            parsed = .success(try OCPPFrame.parse(text, maximumSize: maximumSize))
        } catch {
            parsed = .failure(error)
        }
    }
}

/// What `triage(_:)` made of a frame.
public enum FrameTriage: Sendable {
    /// A call answered at once: send this text.
    case answered(String)
    /// Everything else: hand it to `receive(_:)`, which answers in order.
    case forEndpoint(IncomingFrame)
}

extension OCPPEndpoint {
    /// Registers a handler that answers without suspending, for frequent calls that need no one else's
    /// answer (meter values, heartbeats). The transport may then answer such a call on the thread that read
    /// it, with `triage(_:)`, without a task or a hop to the endpoint. It takes precedence over a handler
    /// registered with `on(_:handler:)` for the same request, and answers it on the ordinary path too.
    public nonisolated func onImmediate<Request: OCPPRequest>(
        _ type: Request.Type, handler: @escaping @Sendable (Request) throws -> Request.Response
    ) where Request.Version == Version {
        let (decoder, encoder, logger) = (decoder, encoder, logger)
        let erased: ImmediateHandler = { payload in
            let request: Request
            switch Self.decodeRequest(Request.self, from: payload, decoder: decoder) {
            case .success(let decoded): request = decoded
            case .failure(let error): return .failure(error)
            }
            do {
                return Self.encodeResponse(try handler(request), of: Request.self, encoder: encoder, logger: logger)
            } catch {
                return Self.handlerFailure(error, of: Request.self, logger: logger)
            }
        }
        immediateHandlers.withLock { $0[Request.action] = erased }
    }

    /// Parses an incoming text frame and answers it at once when it is a well-formed call with an immediate
    /// handler; anything else (other calls, answers to our calls, broken frames) is for `receive(_:)`.
    ///
    /// The transport keeps the order of answers: it triages a frame only when everything it handed to
    /// `receive(_:)` before has been answered, and otherwise hands the frame to `receive(_:)` as text.
    public nonisolated func triage(_ text: String) -> FrameTriage {
        let incoming = parse(text)
        guard case .success(.call(let id, let action, let payload)) = incoming.parsed,
              let handler = immediateHandler(for: action)
        else { return .forEndpoint(incoming) }
        return .answered(Self.frame(answering: id, action: action, with: handler(payload), logger: logger).text)
    }

    /// Parses an incoming text frame for `receive(_:)`, with this endpoint's frame size limit.
    public nonisolated func parse(_ text: String) -> IncomingFrame {
        IncomingFrame(text: text, maximumSize: configuration.maximumFrameSize)
    }

    nonisolated func immediateHandler(for action: String) -> ImmediateHandler? {
        immediateHandlers.withLock { $0[action] }
    }
}
