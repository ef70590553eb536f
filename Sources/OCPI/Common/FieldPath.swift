/// Where a field sits in an OCPI document, written as OCPI parties read it: "evses[2].connectors[0].standard".
public struct FieldPath: Sendable, Equatable, CustomStringConvertible {
    public let text: String

    /// The document itself.
    public static let root = FieldPath(text: "")

    private init(text: String) { self.text = text }

    init(_ keys: [any CodingKey]) {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        self.text = text
    }

    public var description: String { text }

    /// The field `name` of the object at this path.
    public func key(_ name: String) -> FieldPath { FieldPath(text: text.isEmpty ? name : text + "." + name) }

    /// The element `index` of the array at this path.
    public func index(_ index: Int) -> FieldPath { FieldPath(text: text + "[\(index)]") }

    /// A refusal of the field `name` here.
    public func failure(_ name: String, _ message: String) -> OCPIDecodingError {
        OCPIDecodingError(field: key(name).text, message: message)
    }
}
