public import Foundation

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
///
/// The market feeds' own reader (`MarketXMLReader`) reads the XML, with the namespaces resolved here: Foundation's
/// XMLParser on Linux traps on some malformed documents (`<?xml?><a/>`: `Tests/Fuzz/Regressions/openadr`).
public enum OpenADRXMLReader {
    public static let maxBytes = 1024 * 1024
    public static let maxDepth = 64
    public static let maxElements = 100_000
    /// The longest text of one element.
    public static let maxTextBytes = 64 * 1024

    public static func read(_ data: Data) throws(OpenADRXMLError) -> OpenADRElement {
        guard data.count <= maxBytes else { throw OpenADRXMLError("the document has \(data.count) bytes, more than \(maxBytes)") }
        guard !data.isEmpty else { throw OpenADRXMLError("the document is empty") }
        let reader = MarketXMLReader(maxBytes: maxBytes, maxDepth: maxDepth, maxElements: maxElements, maxTextBytes: maxTextBytes)
        do {
            return element(try reader.read(data), namespaces: [:])
        } catch {
            throw OpenADRXMLError("\(error)")
        }
    }

    /// The element with its namespace from the declarations in scope (`xmlns`, `xmlns:prefix`); attributes by
    /// local name, the declarations left out.
    private static func element(_ element: MarketXMLElement, namespaces inherited: [String: String]) -> OpenADRElement {
        var namespaces = inherited
        var attributes: [String: String] = [:]
        for (name, value) in element.attributes {
            if name == "xmlns" {
                namespaces[""] = value
            } else if name.hasPrefix("xmlns:") {
                namespaces[String(name.dropFirst(6))] = value
            } else {
                attributes[MarketXMLElement.localName(name)] = value
            }
        }
        return OpenADRElement(
            namespace: namespaces[element.prefix] ?? "", name: element.name, attributes: attributes, text: element.text,
            children: element.children.map { Self.element($0, namespaces: namespaces) })
    }
}

/// A received document that is not XML cpms reads.
public struct OpenADRXMLError: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
