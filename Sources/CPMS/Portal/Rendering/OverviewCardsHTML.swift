/// The overview's station cards as HTML, written directly rather than through the mustache template: for 500
/// stations swift-mustache's lookups and its escaping character by character took longer than everything else
/// the page does. The markup is the one `overview.js` builds for a new station; every value is escaped as
/// mustache escapes it (`&`, `<`, `>`, `"`, `'`), so station data cannot inject markup.
enum OverviewCardsHTML {
    static func render<Context>(_ cards: [PortalController<Context>.StationCard]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1200 * cards.count)
        for card in cards {
            out += #"  <article class="card station" data-station=""#.utf8
            escape(card.id, &out)
            out += "\">\n    <header>\n      <h2><a href=\"/portal/stations/".utf8
            escape(card.id, &out)
            out += "\">".utf8
            escape(card.id, &out)
            out += "</a></h2>\n      <span class=\"badge ".utf8
            escape(card.connectionClass, &out)
            out += "\" data-field=\"connection\">".utf8
            escape(card.connection, &out)
            out += "</span>\n    </header>\n    <dl class=\"facts\">\n      <div><dt>Grid power</dt><dd data-field=\"grid\">".utf8
            escape(card.grid, &out)
            out += "</dd></div>\n      <div><dt>Battery</dt><dd data-field=\"battery\">".utf8
            escape(card.battery, &out)
            out += "</dd></div>\n      <div><dt>Purchase price · DSO</dt><dd data-field=\"purchase\">".utf8
            escape(card.purchase, &out)
            out += "</dd></div>\n      <div><dt>Bought today · cost</dt><dd data-field=\"energy-cost\">".utf8
            escape(card.energyCost, &out)
            out += "</dd></div>\n    </dl>\n    <ul class=\"sockets\" data-field=\"sockets\">\n      ".utf8
            for socket in card.sockets {
                out += "<li class=\"socket status-".utf8
                escape(socket.statusClass, &out)
                out += "\" data-socket=\"".utf8
                escape(socket.key, &out)
                out += "\"><span class=\"socket-name\">".utf8
                escape(socket.label, &out)
                out += "</span> <span class=\"socket-status\">".utf8
                escape(socket.status, &out)
                out += "</span> <span class=\"socket-power\">".utf8
                escape(socket.power, &out)
                out += "</span></li>".utf8
            }
            out += "\n      ".utf8
            if card.sockets.isEmpty { out += "<li class=\"socket none\">No sockets reported yet</li>".utf8 }
            out += "\n    </ul>\n    <p class=\"muted small\" data-field=\"last-seen\">".utf8
            escape(card.lastSeen, &out)
            out += "</p>\n  </article>\n".utf8
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ text: String, _ out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out += "&amp;".utf8
            case UInt8(ascii: "<"): out += "&lt;".utf8
            case UInt8(ascii: ">"): out += "&gt;".utf8
            case UInt8(ascii: "\""): out += "&quot;".utf8
            case UInt8(ascii: "'"): out += "&#39;".utf8
            default: out.append(byte)
            }
        }
    }
}
