public import Foundation

/// A partial OCPI object (an HTTP PATCH body): some of the object's fields, each as strict as in the whole object.
///
/// Reading checks every field present against the object's rules (a field that is wrong is refused by its name,
/// status 2001), requires `last_updated`, ignores fields the object does not have and refuses `null` for a
/// required field (`null` removes an optional one). Applying replaces each field present, whole (an array or a
/// nested object is replaced, not merged: OCPI's PATCH works on the object's own fields), and reads the result
/// as a whole object, so what comes out always validates.
public struct OCPIPatch<Object: OCPIPatchable>: Sendable, Equatable {
    /// The fields present, by OCPI name, as sent.
    public let fields: [String: JSONNode]

    /// The names of the fields present, sorted.
    public var fieldNames: [String] { fields.keys.sorted() }

    /// Reads a PATCH body strictly.
    public static func read(from data: Data) throws(OCPIDecodingError) -> OCPIPatch {
        let node: JSONNode
        do {
            node = try JSONDecoder().decode(JSONNode.self, from: data)
        } catch {
            throw OCPIDecodingError(field: "", message: "not valid JSON")
        }
        guard case .object(let object) = node else { throw OCPIDecodingError(field: "", message: "a PATCH document must be a JSON object") }
        let known = Set(Object.patchFields)
        let patch = OCPIPatch(fields: object.filter { known.contains($0.key) })
        for required in Object.requiredPatchFields where patch.fields[required] == nil {
            throw OCPIDecodingError(field: required, message: "required field is missing (a PATCH must carry it)")
        }
        _ = try patch.merged(into: Object.patchTemplate)
        return patch
    }

    /// The whole object `stored` becomes with this PATCH; refused when it changes an identity field or the result
    /// breaks a rule that spans fields.
    public func applied(to stored: Object) throws(OCPIDecodingError) -> Object {
        let base = try Self.node(of: stored)
        for name in Object.identityFields {
            if let sent = fields[name], let current = base[name], !sent.sameIgnoringCase(current) {
                throw OCPIDecodingError(field: name, message: "a PATCH cannot change the object's identity (it is \(Self.text(current)))")
            }
        }
        // An identity field repeated in another case keeps the stored spelling.
        return try merged(into: stored, except: Set(Object.identityFields))
    }

    private func merged(into object: Object, except kept: Set<String> = []) throws(OCPIDecodingError) -> Object {
        var node = try Self.node(of: object)
        for (name, value) in fields where !kept.contains(name) { node[name] = value }
        let data: Data
        do {
            data = try OCPICoding.encode(JSONNode.object(node))
        } catch {
            throw OCPIDecodingError(field: "", message: "not a valid document")
        }
        return try OCPICoding.decode(Object.self, from: data)
    }

    private static func node(of object: Object) throws(OCPIDecodingError) -> [String: JSONNode] {
        do {
            guard case .object(let node) = try JSONDecoder().decode(JSONNode.self, from: try OCPICoding.encode(object)) else {
                throw OCPIDecodingError(field: "", message: "not an object")
            }
            return node
        } catch let error as OCPIDecodingError {
            throw error
        } catch {
            throw OCPIDecodingError(field: "", message: "not a valid document")
        }
    }

    private static func text(_ node: JSONNode) -> String {
        if case .string(let text) = node { return "\"\(text)\"" }
        return (try? OCPICoding.encode(node)).map { String(decoding: $0, as: UTF8.self) } ?? "set"
    }
}
