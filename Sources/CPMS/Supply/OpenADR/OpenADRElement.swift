public import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One element of a received OpenADR document: its namespace and local name, attributes, text and children.
public struct OpenADRElement: Sendable, Equatable {
    public var namespace: String
    public var name: String
    public var attributes: [String: String]
    /// The element's own character data, trimmed.
    public var text: String
    public var children: [OpenADRElement]

    public init(namespace: String, name: String, attributes: [String: String] = [:], text: String = "", children: [OpenADRElement] = []) {
        self.namespace = namespace
        self.name = name
        self.attributes = attributes
        self.text = text
        self.children = children
    }

    /// The first child with this local name.
    public func child(_ name: String) -> OpenADRElement? {
        children.first { $0.name == name }
    }

    /// Every child with this local name.
    public func children(_ name: String) -> [OpenADRElement] {
        children.filter { $0.name == name }
    }

    /// The element at a path of local names below this one.
    public func find(_ path: String...) -> OpenADRElement? {
        var element: OpenADRElement? = self
        for name in path { element = element?.child(name) }
        return element
    }

    /// The text at a path of local names, nil when absent or empty.
    public func text(_ path: String...) -> String? {
        var element: OpenADRElement? = self
        for name in path { element = element?.child(name) }
        guard let text = element?.text, !text.isEmpty else { return nil }
        return text
    }
}

/// Reads a received XML document into `OpenADRElement`s, refusing what a hostile VTN (or a man in the middle)
/// could use against cpms: documents over a size bound, a DTD (so no entity can be declared or expanded), too
/// deep a nesting, too many elements.
public enum OpenADRXMLReader {
    public static let maxBytes = 1024 * 1024
    public static let maxDepth = 64
    public static let maxElements = 100_000

    public static func read(_ data: Data) throws(OpenADRXMLError) -> OpenADRElement {
        guard data.count <= maxBytes else { throw OpenADRXMLError("the document has \(data.count) bytes, more than \(maxBytes)") }
        guard !data.isEmpty else { throw OpenADRXMLError("the document is empty") }
        if data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw OpenADRXMLError("the document declares a DTD or entities, which OpenADR never needs")
        }
        let builder = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = builder
        let parsed = parser.parse()
        if let problem = builder.problem { throw OpenADRXMLError(problem) }
        guard parsed, let root = builder.root else {
            let reason = parser.parserError.map { String(describing: $0) } ?? "not well-formed"
            throw OpenADRXMLError("not well-formed XML (line \(parser.lineNumber)): \(reason)")
        }
        return root
    }

    private final class TreeBuilder: NSObject, XMLParserDelegate {
        var stack: [OpenADRElement] = []
        var texts: [String] = []
        var root: OpenADRElement?
        var problem: String?
        var count = 0

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
            attributes attributeDict: [String: String] = [:]
        ) {
            count += 1
            guard stack.count < OpenADRXMLReader.maxDepth, count <= OpenADRXMLReader.maxElements else {
                problem = "the document nests deeper than \(OpenADRXMLReader.maxDepth) or has more than \(OpenADRXMLReader.maxElements) elements"
                parser.abortParsing()
                return
            }
            var attributes: [String: String] = [:]
            for (key, value) in attributeDict {
                attributes[key.split(separator: ":").last.map(String.init) ?? key] = value
            }
            let local = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stack.append(OpenADRElement(namespace: namespaceURI ?? "", name: local, attributes: attributes))
            texts.append("")
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !texts.isEmpty else { return }
            texts[texts.count - 1] += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !texts.isEmpty else { return }
            texts[texts.count - 1] += String(decoding: CDATABlock, as: UTF8.self)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard var element = stack.popLast(), let text = texts.popLast() else { return }
            element.text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if stack.isEmpty {
                root = element
            } else {
                stack[stack.count - 1].children.append(element)
            }
        }

        func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
            problem = "the document declares entities"
            parser.abortParsing()
        }

        func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
            problem = "the document declares entities"
            parser.abortParsing()
        }
    }
}

/// A received document that is not XML cpms reads.
public struct OpenADRXMLError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
