import Foundation

/// An XML element as the market readers see it: its local name (any prefix dropped), attributes, trimmed text
/// and child elements.
struct MarketXMLElement: Sendable, Equatable {
    var name: String
    /// The prefix of the qualified name, empty when it has none.
    var prefix = ""
    var attributes: [String: String]
    var text: String
    var children: [MarketXMLElement]

    func child(_ name: String) -> MarketXMLElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [MarketXMLElement] { children.filter { $0.name == name } }
    /// The trimmed text of the first child called `name`, nil when there is none or it is empty.
    func text(of name: String) -> String? { child(name).flatMap { $0.text.isEmpty ? nil : $0.text } }

    /// A qualified name without its prefix.
    static func localName(_ qualified: String) -> String {
        qualified.split(separator: ":", maxSplits: 1).last.map(String.init) ?? qualified
    }
}

/// Why a document could not be read as XML.
struct MarketXMLError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Reads a market document into a tree. Its own small reader of the XML that market documents use (elements,
/// attributes, text, the five predefined entities and character references, CDATA, comments, processing
/// instructions): Foundation's XMLParser on Linux traps on some malformed documents (`<?xml?><a/>`, a name
/// that is not UTF-8), and a price server must not be able to stop cpms.
///
/// Refused: documents over `maxBytes`, not UTF-8 or declaring another encoding, any DTD (so no entity can be
/// declared, internal or external), nesting deeper than `maxDepth`, more than `maxElements` elements, a text
/// longer than `maxTextBytes`.
struct MarketXMLReader: Sendable {
    var maxBytes = 8 << 20
    var maxDepth = 16
    var maxElements = 300_000
    var maxTextBytes = 4096

    func read(_ data: Data) throws(MarketXMLError) -> MarketXMLElement {
        guard data.count <= maxBytes else { throw MarketXMLError(description: "the document is \(data.count) bytes, more than \(maxBytes)") }
        guard String(data: data, encoding: .utf8) != nil else { throw MarketXMLError(description: "the document is not UTF-8") }
        var scanner = XMLScanner(bytes: [UInt8](data), limits: self)
        return try scanner.document()
    }
}

/// The reader's state: the bytes and where it is in them.
private struct XMLScanner {
    let bytes: [UInt8]
    let limits: MarketXMLReader
    var index = 0
    var elements = 0

    init(bytes: [UInt8], limits: MarketXMLReader) {
        self.bytes = bytes
        self.limits = limits
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    func fail(_ message: String) -> MarketXMLError {
        let line = bytes[0..<min(index, bytes.count)].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        return MarketXMLError(description: "not well-formed XML (line \(line)): \(message)")
    }

    var atEnd: Bool { index >= bytes.count }

    func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    func starts(with text: String) -> Bool {
        let word = Array(text.utf8)
        guard index + word.count <= bytes.count else { return false }
        return bytes[index..<(index + word.count)].elementsEqual(word)
    }

    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    mutating func skipSpace() {
        while let byte = peek(), Self.isSpace(byte) { index += 1 }
    }

    /// Moves past the next `terminator`; throws when there is none.
    mutating func skip(past terminator: String, what: String) throws(MarketXMLError) -> ArraySlice<UInt8> {
        let word = Array(terminator.utf8)
        let start = index
        while index + word.count <= bytes.count {
            if bytes[index..<(index + word.count)].elementsEqual(word) {
                let skipped = bytes[start..<index]
                index += word.count
                return skipped
            }
            index += 1
        }
        throw fail("\(what) is not closed")
    }

    /// The prolog, the root element, then only comments, processing instructions and space.
    mutating func document() throws(MarketXMLError) -> MarketXMLElement {
        if starts(with: "<?xml") {
            let declaration = String(decoding: try skip(past: "?>", what: "the XML declaration"), as: UTF8.self)
            if let encoding = Self.attribute("encoding", in: declaration), !["utf-8", "utf8"].contains(encoding.lowercased()) {
                throw MarketXMLError(description: "the document declares encoding \(encoding.prefix(20)); only UTF-8 is read")
            }
        }
        try skipMisc()
        guard peek() == 0x3C else { throw atEnd ? MarketXMLError(description: "the document is empty") : fail("text before the root element") }
        let root = try element(depth: 1)
        try skipMisc()
        guard atEnd else { throw fail("content after the root element") }
        return root
    }

    /// Space, comments and processing instructions; a DTD is refused.
    mutating func skipMisc() throws(MarketXMLError) {
        while true {
            skipSpace()
            if starts(with: "<!--") {
                index += 4
                _ = try skip(past: "-->", what: "a comment")
            } else if starts(with: "<?") {
                index += 2
                _ = try skip(past: "?>", what: "a processing instruction")
            } else if starts(with: "<!") {
                throw MarketXMLError(description: "the document has a DTD or other declaration (<!...): refused")
            } else {
                return
            }
        }
    }

    mutating func name() throws(MarketXMLError) -> String {
        let start = index
        while let byte = peek(), !Self.isSpace(byte), ![0x2F, 0x3E, 0x3D, 0x3C, 0x22, 0x27, 0x26].contains(byte) { index += 1 }
        guard index > start else { throw fail("a name is missing") }
        guard index - start <= 256 else { throw fail("a name is longer than 256 bytes") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    /// One element from its `<`, with everything in it.
    mutating func element(depth: Int) throws(MarketXMLError) -> MarketXMLElement {
        guard depth <= limits.maxDepth else { throw MarketXMLError(description: "the document nests deeper than \(limits.maxDepth) elements") }
        elements += 1
        guard elements <= limits.maxElements else { throw MarketXMLError(description: "the document has more than \(limits.maxElements) elements") }
        index += 1
        let qualified = try name()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard let byte = peek() else { throw fail("<\(qualified)> is not closed") }
            if byte == 0x2F {
                guard peek(1) == 0x3E else { throw fail("'/' in <\(qualified)> is not followed by '>'") }
                index += 2
                return MarketXMLElement(name: Self.localName(qualified), prefix: Self.prefix(qualified), attributes: attributes, text: "", children: [])
            }
            if byte == 0x3E {
                index += 1
                break
            }
            let attribute = try name()
            skipSpace()
            guard peek() == 0x3D else { throw fail("attribute \(attribute) of <\(qualified)> has no value") }
            index += 1
            skipSpace()
            guard let quote = peek(), quote == 0x22 || quote == 0x27 else { throw fail("the value of \(attribute) is not quoted") }
            index += 1
            let start = index
            while let byte = peek(), byte != quote {
                guard byte != 0x3C else { throw fail("'<' in the value of \(attribute)") }
                index += 1
            }
            guard !atEnd else { throw fail("the value of \(attribute) is not closed") }
            let value = try decode(bytes[start..<index])
            index += 1
            guard attributes.updateValue(value, forKey: attribute) == nil else { throw fail("attribute \(attribute) is given twice in <\(qualified)>") }
        }
        var text: [UInt8] = []
        var children: [MarketXMLElement] = []
        while true {
            guard let byte = peek() else { throw fail("<\(qualified)> is not closed") }
            if byte != 0x3C {
                let start = index
                while let next = peek(), next != 0x3C { index += 1 }
                try append(try Array(decode(bytes[start..<index]).utf8), to: &text, in: qualified)
            } else if starts(with: "</") {
                index += 2
                let closing = try name()
                skipSpace()
                guard closing == qualified, peek() == 0x3E else { throw fail("<\(qualified)> is closed by </\(closing.prefix(64))>") }
                index += 1
                let string = String(decoding: text, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                return MarketXMLElement(
                    name: Self.localName(qualified), prefix: Self.prefix(qualified), attributes: attributes, text: string, children: children)
            } else if starts(with: "<![CDATA[") {
                index += 9
                try append(Array(try skip(past: "]]>", what: "a CDATA section")), to: &text, in: qualified)
            } else if starts(with: "<!--") {
                index += 4
                _ = try skip(past: "-->", what: "a comment")
            } else if starts(with: "<?") {
                index += 2
                _ = try skip(past: "?>", what: "a processing instruction")
            } else if starts(with: "<!") {
                throw fail("a declaration inside <\(qualified)>")
            } else {
                children.append(try element(depth: depth + 1))
            }
        }
    }

    func append(_ more: [UInt8], to text: inout [UInt8], in element: String) throws(MarketXMLError) {
        text += more
        guard text.count <= limits.maxTextBytes else {
            throw MarketXMLError(description: "a text in <\(Self.localName(element))> is longer than \(limits.maxTextBytes) bytes")
        }
    }

    /// Text with its entity and character references replaced.
    func decode(_ raw: ArraySlice<UInt8>) throws(MarketXMLError) -> String {
        guard raw.contains(0x26) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        var position = raw.startIndex
        while position < raw.endIndex {
            let byte = raw[position]
            guard byte == 0x26 else {
                out.append(byte)
                position += 1
                continue
            }
            guard let semicolon = raw[position...].prefix(12).firstIndex(of: 0x3B) else { throw fail("'&' does not start a reference") }
            let reference = String(decoding: raw[(position + 1)..<semicolon], as: UTF8.self)
            switch reference {
            case "lt": out.append(0x3C)
            case "gt": out.append(0x3E)
            case "amp": out.append(0x26)
            case "quot": out.append(0x22)
            case "apos": out.append(0x27)
            default:
                var code: UInt32?
                if reference.hasPrefix("#x") {
                    code = UInt32(reference.dropFirst(2), radix: 16)
                } else if reference.hasPrefix("#") {
                    code = UInt32(reference.dropFirst(), radix: 10)
                } else {
                    throw fail("entity &\(reference); is not defined")
                }
                guard let code, code != 0, let scalar = Unicode.Scalar(code) else { throw fail("&\(reference); is not a character") }
                out += Array(String(Character(scalar)).utf8)
            }
            position = semicolon + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func localName(_ qualified: String) -> String {
        MarketXMLElement.localName(qualified)
    }

    static func prefix(_ qualified: String) -> String {
        guard let colon = qualified.firstIndex(of: ":") else { return "" }
        return String(qualified[..<colon])
    }

    /// A pseudo-attribute of the XML declaration (`encoding="UTF-8"`).
    static func attribute(_ name: String, in declaration: String) -> String? {
        guard let key = declaration.range(of: name) else { return nil }
        let rest = declaration[key.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\t" }
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return String(rest.prefix(20)) }
        return String(rest.dropFirst().prefix { $0 != quote })
    }
}
