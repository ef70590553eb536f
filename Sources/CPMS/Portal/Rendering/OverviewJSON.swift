import NIOCore

/// `/portal/overview.json` written directly: the same bytes as `JSONEncoder` with sorted keys gives for
/// `OverviewView` (tested so), at a fraction of its cost. Foundation's encoder took about 35 ms of a loaded
/// 2-core machine for the 228 kB of 500 stations, which the live update pays every 3 s per open overview.
enum OverviewJSON {
    static func encode<Context>(_ view: PortalController<Context>.OverviewView) -> ByteBuffer {
        var out = ByteBuffer()
        out.reserveCapacity(512 * (view.stations.count + 1))
        member("liveURL", view.liveURL, first: true, &out)
        out.writeStaticString(#","stationCount":"#)
        out.writeString(String(view.stationCount))
        out.writeStaticString(#","stations":["#)
        for (index, card) in view.stations.enumerated() {
            if index > 0 { out.writeStaticString(",") }
            member("battery", card.battery, first: true, &out)
            member("connection", card.connection, &out)
            member("connectionClass", card.connectionClass, &out)
            member("energyCost", card.energyCost, &out)
            member("grid", card.grid, &out)
            member("id", card.id, &out)
            member("lastSeen", card.lastSeen, &out)
            member("purchase", card.purchase, &out)
            out.writeStaticString(#","sockets":["#)
            for (socketIndex, socket) in card.sockets.enumerated() {
                if socketIndex > 0 { out.writeStaticString(",") }
                member("key", socket.key, first: true, &out)
                member("label", socket.label, &out)
                member("power", socket.power, &out)
                member("status", socket.status, &out)
                member("statusClass", socket.statusClass, &out)
                out.writeStaticString("}")
            }
            out.writeStaticString("]}")
        }
        out.writeStaticString("]")
        member("updatedAt", view.updatedAt, &out)
        out.writeStaticString("}")
        return out
    }

    /// `"key":"value"` after `{` (`first`) or `,`; the keys in sorted order are the caller's.
    static func member(_ key: StaticString, _ value: String, first: Bool = false, _ out: inout ByteBuffer) {
        out.writeStaticString(first ? "{\"" : ",\"")
        out.writeStaticString(key)
        out.writeStaticString("\":")
        string(value, &out)
    }

    /// A JSON string as Foundation writes one: `"`, `\` and `/` escaped, control characters as their short
    /// escapes or `\u00XX`, everything else as UTF-8.
    static func string(_ text: String, _ out: inout ByteBuffer) {
        out.writeInteger(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): out.writeStaticString(#"\\"#)
            case UInt8(ascii: "/"): out.writeStaticString(#"\/"#)
            case 0x0A: out.writeStaticString(#"\n"#)
            case 0x0D: out.writeStaticString(#"\r"#)
            case 0x09: out.writeStaticString(#"\t"#)
            case 0x08: out.writeStaticString(#"\b"#)
            case 0x0C: out.writeStaticString(#"\f"#)
            case ..<0x20:
                out.writeStaticString(#"\u00"#)
                out.writeInteger(hexDigits[Int(byte >> 4)])
                out.writeInteger(hexDigits[Int(byte & 0x0F)])
            default: out.writeInteger(byte)
            }
        }
        out.writeInteger(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
