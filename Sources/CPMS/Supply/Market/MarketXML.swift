import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An XML element as the market readers see it: its local name (any prefix dropped), attributes, trimmed text
/// and child elements.
struct MarketXMLElement: Sendable, Equatable {
    var name: String
    var attributes: [String: String]
    var text: String
    var children: [MarketXMLElement]

    func child(_ name: String) -> MarketXMLElement? { children.first { $0.name == name } }
    func children(_ name: String) -> [MarketXMLElement] { children.filter { $0.name == name } }
    /// The trimmed text of the first child called `name`, nil when there is none or it is empty.
    func text(of name: String) -> String? { child(name).flatMap { $0.text.isEmpty ? nil : $0.text } }
}

/// Why a document could not be read as XML.
struct MarketXMLError: Error, Sendable, CustomStringConvertible {
    var description: String
}

/// Reads a market document into a tree, refusing what a hostile sender could use against cpms: documents over
/// `maxBytes`, any DTD (so no entities, internal or external), nesting deeper than `maxDepth`, more than
/// `maxElements` elements, a text longer than `maxTextBytes`.
struct MarketXMLReader: Sendable {
    var maxBytes = 8 << 20
    var maxDepth = 16
    var maxElements = 300_000
    var maxTextBytes = 4096

    func read(_ data: Data) throws(MarketXMLError) -> MarketXMLElement {
        guard data.count <= maxBytes else { throw MarketXMLError(description: "the document is \(data.count) bytes, more than \(maxBytes)") }
        guard !data.isEmpty else { throw MarketXMLError(description: "the document is empty") }
        if Self.containsDeclaration(data) {
            throw MarketXMLError(description: "the document has a DTD (<!DOCTYPE or <!ENTITY): refused")
        }
        let builder = TreeBuilder(limits: self)
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let refusal = builder.refusal { throw MarketXMLError(description: refusal) }
        guard parsed, let root = builder.root else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "unknown error"
            throw MarketXMLError(description: "not well-formed XML (line \(parser.lineNumber)): \(reason)")
        }
        return root
    }

    /// Whether `<!DOCTYPE` or `<!ENTITY` occurs anywhere, in any letter case.
    private static func containsDeclaration(_ data: Data) -> Bool {
        let doctype = Array("<!DOCTYPE".utf8), entity = Array("<!ENTITY".utf8)
        let bytes = [UInt8](data)
        guard bytes.count >= entity.count else { return false }
        func matches(_ word: [UInt8], at index: Int) -> Bool {
            guard index + word.count <= bytes.count else { return false }
            for offset in 0..<word.count {
                let byte = bytes[index + offset]
                let upper = (byte >= 0x61 && byte <= 0x7A) ? byte - 0x20 : byte
                if upper != word[offset] { return false }
            }
            return true
        }
        for index in 0..<bytes.count where bytes[index] == 0x3C {
            if matches(doctype, at: index) || matches(entity, at: index) { return true }
        }
        return false
    }
}

/// Builds the tree from the parser's events, and stops the parser at the first limit crossed.
private final class TreeBuilder: NSObject, XMLParserDelegate {
    private let limits: MarketXMLReader
    private var stack: [MarketXMLElement] = []
    private var texts: [String] = []
    private var elements = 0
    private(set) var root: MarketXMLElement?
    private(set) var refusal: String?

    init(limits: MarketXMLReader) {
        self.limits = limits
    }

    private func refuse(_ parser: XMLParser, _ reason: String) {
        if refusal == nil { refusal = reason }
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        guard refusal == nil else { return }
        elements += 1
        guard elements <= limits.maxElements else { return refuse(parser, "the document has more than \(limits.maxElements) elements") }
        guard stack.count < limits.maxDepth else { return refuse(parser, "the document nests deeper than \(limits.maxDepth) elements") }
        guard root == nil else { return refuse(parser, "the document has more than one root element") }
        let local = elementName.split(separator: ":", maxSplits: 1).last.map(String.init) ?? elementName
        stack.append(MarketXMLElement(name: local, attributes: attributeDict, text: "", children: []))
        texts.append("")
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard refusal == nil, !texts.isEmpty else { return }
        texts[texts.count - 1] += string
        if texts[texts.count - 1].utf8.count > limits.maxTextBytes {
            refuse(parser, "a text in <\(stack.last?.name ?? "")> is longer than \(limits.maxTextBytes) bytes")
        }
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        self.parser(parser, foundCharacters: String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard refusal == nil, var element = stack.popLast(), let text = texts.popLast() else { return }
        element.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if stack.isEmpty {
            root = element
        } else {
            stack[stack.count - 1].children.append(element)
        }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuse(parser, "the document declares an entity: refused")
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuse(parser, "the document declares an entity: refused")
    }

    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        refuse(parser, "the document refers to an external entity: refused")
        return nil
    }
}
