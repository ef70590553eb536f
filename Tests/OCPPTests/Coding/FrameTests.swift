import OCPP
import Testing

@Suite struct FrameTests {
    @Test func writesTheThreeFrameKinds() {
        #expect(OCPPFrame.call(id: "1", action: "Heartbeat", payload: [:]).text == #"[2,"1","Heartbeat",{}]"#)
        #expect(OCPPFrame.callResult(id: "1", payload: ["status": "Accepted"]).text == #"[3,"1",{"status":"Accepted"}]"#)
        #expect(
            OCPPFrame.callError(id: "1", error: OCPPCallError(.notSupported, "no", details: [:])).text
                == #"[4,"1","NotSupported","no",{}]"#)
    }

    @Test func aCallFromStoredPayloadTextIsTheSameFrame() throws {
        let payload: JSONValue = ["seqNo": 3, "eventType": "Updated", "note": "a \"quoted\" word"]
        let frame = OCPPFrame.callText(id: "id-1", action: "TransactionEvent", payloadText: payload.jsonText)
        #expect(frame == OCPPFrame.call(id: "id-1", action: "TransactionEvent", payload: payload).text)
        #expect(try OCPPFrame.parse(frame) == .call(id: "id-1", action: "TransactionEvent", payload: payload))
    }

    @Test func readsTheThreeFrameKinds() throws {
        #expect(try OCPPFrame.parse(#" [ 2 , "a" , "Heartbeat" , { } ] "#) == .call(id: "a", action: "Heartbeat", payload: [:]))
        #expect(try OCPPFrame.parse(#"[3,"a",{"x":1}]"#) == .callResult(id: "a", payload: ["x": 1]))
        #expect(
            try OCPPFrame.parse(#"[4,"a","InternalError","boom",{"k":"v"}]"#)
                == .callError(id: "a", error: OCPPCallError(.internalError, "boom", details: ["k": "v"])))
    }

    @Test func acceptsACallErrorWithoutDetails() throws {
        #expect(try OCPPFrame.parse(#"[4,"a","GenericError",""]"#) == .callError(id: "a", error: OCPPCallError(.genericError)))
    }

    @Test func acceptsAMessageIDOf36Characters() throws {
        let id = String(repeating: "x", count: 36)
        #expect(try OCPPFrame.parse(#"[2,""# + id + #"","Heartbeat",{}]"#).messageID == id)
    }

    @Test func recoversTheHeaderOfAFrameTooLargeToRead() {
        let text = #"[2,"big","DataTransfer",{"data":""# + String(repeating: "x", count: 2_000) + #""}]"#
        #expect(throws: FrameError(.frameTooLarge, messageType: 2, messageID: "big", "frame of 2036 bytes is longer than the maximum of 1000")) {
            try OCPPFrame.parse(text, maximumSize: 1_000)
        }
    }

    @Test func tellsBrokenFramesApartAndKnowsWhichToAnswer() throws {
        func error(_ text: String) -> FrameError? {
            do {
                _ = try OCPPFrame.parse(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(error(#"[2,"a","Heartbeat",{"#)?.fault == .payloadSyntax)
        #expect(error(#"[2,"a","Heart"#)?.fault == .invalidFrame)
        #expect(error(#"[6,"a","X",{}]"#)?.fault == .unsupportedMessageType)
        #expect(error(#"[2,"a","Heartbeat",{}]"#) == nil)
        #expect(error(#"[2,"a","Heartbeat",1]"#)?.isAnswerable == true)
        #expect(error(#"[3,"a"]"#)?.isAnswerable == false)
        #expect(error(#"[4,"a",1,2,{}]"#)?.isAnswerable == false)
        #expect(error(#"{"a":1}"#)?.isAnswerable == false)
    }
}
