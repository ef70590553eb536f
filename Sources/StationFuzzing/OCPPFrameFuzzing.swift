import OCPP

/// OCPP-J framing and JSON: any text is a frame or a `FrameError`, and a frame reads back as itself.
enum OCPPFrameFuzzing {
    static func run(_ input: [UInt8]) {
        let text = String(decoding: input, as: UTF8.self)
        // A small limit too, so the refusal path of over-long frames (its header scan) runs as well.
        _ = try? OCPPFrame.parse(text, maximumSize: 64)
        let frame: OCPPFrame
        do {
            frame = try OCPPFrame.parse(text)
        } catch {
            _ = error.description
            return
        }
        let written = frame.text
        do {
            let again = try OCPPFrame.parse(written)
            precondition(again == frame, "ocpp-frame: \(text) was written as \(written), which reads as another frame")
        } catch {
            preconditionFailure("ocpp-frame: \(text) was written as \(written), which does not parse: \(error)")
        }
        if let value = try? JSONValue(parsing: text) {
            precondition((try? JSONValue(parsing: value.jsonText)) == value, "ocpp-frame: JSON \(text) does not read back")
        }
    }
}
