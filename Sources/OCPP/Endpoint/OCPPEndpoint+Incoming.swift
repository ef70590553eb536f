import Logging

extension OCPPEndpoint {
    /// Registers the handler for incoming calls of one request type, replacing any earlier one.
    ///
    /// The handler may throw an `OCPPCallError` to choose the CALLERROR (its code is translated to this
    /// version's spelling); any other error is answered `InternalError`, as is a response that breaks
    /// its schema.
    public func on<Request: OCPPRequest>(
        _ type: Request.Type, handler: @escaping @Sendable (Request) async throws -> Request.Response
    ) where Request.Version == Version {
        handlers[Request.action] = Self.erase(handler, decoder: decoder, encoder: encoder, logger: logger)
    }

    /// Wraps a typed handler: decodes the request (a violation is answered with the version's code),
    /// runs the handler, and encodes its response.
    private static func erase<Request: OCPPRequest>(
        _ handler: @escaping @Sendable (Request) async throws -> Request.Response,
        decoder: PayloadDecoder, encoder: PayloadEncoder, logger: Logger
    ) -> Handler {
        return { payload in
            let request: Request
            switch decodeRequest(Request.self, from: payload, decoder: decoder) {
            case .success(let decoded): request = decoded
            case .failure(let error): return .failure(error)
            }
            do {
                return encodeResponse(try await handler(request), of: Request.self, encoder: encoder, logger: logger)
            } catch {
                return handlerFailure(error, of: Request.self, logger: logger)
            }
        }
    }

    /// The request decoded, or the CALLERROR for the schema violation.
    static func decodeRequest<Request: OCPPRequest>(
        _ type: Request.Type, from payload: JSONValue, decoder: PayloadDecoder
    ) -> Result<Request, OCPPCallError> {
        do throws(PayloadViolation) {
            return .success(try decoder.decode(Request.self, from: payload))
        } catch {
            return .failure(OCPPCallError(Version.version.errorCode(for: error.fault), error.description))
        }
    }

    /// The handler's response as JSON, or `InternalError` when it breaks its schema.
    static func encodeResponse<Request: OCPPRequest>(
        _ response: Request.Response, of type: Request.Type, encoder: PayloadEncoder, logger: Logger
    ) -> Result<JSONValue, OCPPCallError> {
        do throws(PayloadViolation) {
            return .success(try encoder.encode(response))
        } catch {
            logger.error(
                "OCPP handler response breaks its schema",
                metadata: ["action": "\(Request.action)", "violation": "\(error)"])
            return .failure(OCPPCallError(Version.version.errorCode(for: .handlerFailed), "\(Request.action) response invalid"))
        }
    }

    /// The CALLERROR for a handler that threw: its own `OCPPCallError` in this version's spelling, otherwise
    /// `InternalError`.
    static func handlerFailure<Request: OCPPRequest>(
        _ error: any Error, of type: Request.Type, logger: Logger
    ) -> Result<JSONValue, OCPPCallError> {
        let version = Version.version
        if let chosen = error as? OCPPCallError {
            return .failure(OCPPCallError(version.translating(chosen.code), chosen.errorDescription, details: chosen.details))
        }
        logger.error("OCPP handler failed", metadata: ["action": "\(Request.action)", "error": "\(error)"])
        return .failure(OCPPCallError(version.errorCode(for: .handlerFailed), "\(Request.action) failed"))
    }

    /// Takes one incoming text frame: answers a call (in order), completes an outgoing call, or refuses it.
    public func receive(_ text: String) async {
        guard !isClosed else { return }
        await receive(parse(text))
    }

    /// Takes a frame already parsed (by `triage(_:)` or `parse(_:)`).
    public func receive(_ incoming: IncomingFrame) async {
        guard !isClosed else { return }
        let frame: OCPPFrame
        switch incoming.parsed {
        case .success(let parsed): frame = parsed
        case .failure(let error):
            refuse(error)
            return
        }
        switch frame {
        case .call(let id, let action, let payload):
            if answerInOrder(.call(id: id, action: action, payload: payload), onThisTask: configuration.answersOnReceivingTask) {
                await drainInbox()
            }
        case .callResult(let id, let payload):
            if !finishCall(id, .success(payload)) { dropUnknownAnswer(id, kind: "CALLRESULT") }
        case .callError(let id, let error):
            if !finishCall(id, .failure(.callError(error))) { dropUnknownAnswer(id, kind: "CALLERROR") }
        }
    }

    private func refuse(_ error: FrameError) {
        let metadata: Logger.Metadata = [
            "reason": "\(error.reason)", "messageId": "\(error.messageID ?? "-")",
            "messageType": "\(error.messageType.map(String.init) ?? "-")",
        ]
        if error.isAnswerable, let id = error.messageID {
            logger.warning("OCPP frame refused", metadata: metadata)
            answerInOrder(.refusal(id: id, error: OCPPCallError(version.errorCode(for: error.fault), error.reason)))
        } else if let id = error.messageID, finishCall(id, .failure(.malformedResponse(error.reason))) {
            logger.warning("OCPP answer malformed", metadata: metadata)
        } else {
            logger.warning("OCPP frame dropped", metadata: metadata)
        }
    }

    /// An answer to no outstanding call (unknown, timed out or cancelled) is dropped, as OCPP-J says.
    private func dropUnknownAnswer(_ id: String, kind: String) {
        logger.notice(
            "OCPP answer for an unknown message id dropped", metadata: ["messageId": "\(id)", "kind": "\(kind)"])
    }

    /// Queues an answer; returns true when the caller is to answer the queue itself (`onThisTask`, and nothing
    /// was being answered), otherwise a task is started for it when needed.
    @discardableResult
    private func answerInOrder(_ item: IncomingItem, onThisTask: Bool = false) -> Bool {
        inbox.append(item)
        guard !isAnswering else { return false }
        isAnswering = true
        // A cancelled receiving task (its connection closing) leaves the handlers to a task of their own.
        if onThisTask, !Task.isCancelled { return true }
        Task { await self.drainInbox() }
        return false
    }

    private func drainInbox() async {
        while !inbox.isEmpty, !isClosed {
            let item = inbox.removeFirst()
            let answer = await self.answer(item)
            guard !isClosed else { break }
            let frame = OutgoingFrame(text: answer.text, callID: nil)
            if configuration.answersOnReceivingTask {
                await transmitHere(frame)
            } else {
                transmit(frame)
            }
        }
        isAnswering = false
    }

    private func answer(_ item: IncomingItem) async -> OCPPFrame {
        switch item {
        case .refusal(let id, let error):
            return .callError(id: id, error: error.fittingTheWire)
        case .call(let id, let action, let payload):
            if let immediate = immediateHandler(for: action) {
                return Self.frame(answering: id, action: action, with: immediate(payload), logger: logger)
            }
            guard let handler = handlers[action] else {
                let fault: OCPPFault = version.specifiedActions.contains(action) ? .unsupportedAction : .unknownAction
                let reason = fault == .unknownAction ? "unknown action \(action)" : "\(action) is not supported"
                logger.notice("OCPP call not handled", metadata: ["action": "\(action)", "fault": "\(fault)"])
                return .callError(id: id, error: OCPPCallError(version.errorCode(for: fault), reason).fittingTheWire)
            }
            return Self.frame(answering: id, action: action, with: await handler(payload), logger: logger)
        }
    }

    /// The CALLRESULT or CALLERROR that answers call `id`.
    static func frame(
        answering id: String, action: String, with outcome: Result<JSONValue, OCPPCallError>, logger: Logger
    ) -> OCPPFrame {
        switch outcome {
        case .success(let response):
            return .callResult(id: id, payload: response)
        case .failure(let error):
            logger.notice("OCPP call answered with an error", metadata: ["action": "\(action)", "error": "\(error)"])
            return .callError(id: id, error: error.fittingTheWire)
        }
    }
}

extension OCPPCallError {
    /// The longest errorDescription OCPP allows (2.0.1 part 4: string[0..255]).
    static let maximumDescriptionLength = 255

    /// This error with its description cut to the allowed length.
    var fittingTheWire: OCPPCallError {
        guard errorDescription.count > Self.maximumDescriptionLength else { return self }
        var fitted = self
        fitted.errorDescription = String(errorDescription.prefix(Self.maximumDescriptionLength))
        return fitted
    }
}
