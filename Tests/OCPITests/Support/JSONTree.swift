import Foundation
import OCPI

/// A JSON document as a tree, to compare documents by value and to mutate them: the module's `JSONNode`, with
/// what the tests need to walk and change one.
typealias JSONTree = JSONNode

extension JSONNode {
    init(_ data: Data) throws { self = try JSONDecoder().decode(JSONTree.self, from: data) }

    var data: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // A tree read from JSON always writes.
        return (try? encoder.encode(self)) ?? Data()
    }

    /// One step into a document: a key of an object or an index of an array.
    enum Step: Hashable {
        case key(String)
        case index(Int)
    }

    /// Every node below the root with its path, parents before children.
    var nodes: [(path: [Step], value: JSONTree)] {
        var found: [(path: [Step], value: JSONTree)] = []
        func walk(_ node: JSONTree, _ path: [Step]) {
            if !path.isEmpty { found.append((path, node)) }
            switch node {
            case .array(let elements):
                for (index, element) in elements.enumerated() { walk(element, path + [.index(index)]) }
            case .object(let members):
                for key in members.keys.sorted() { walk(members[key]!, path + [.key(key)]) }
            default: break
            }
        }
        walk(self, [])
        return found
    }

    /// The document with the node at `path` replaced by `value`, or removed when `value` is nil.
    func replacing(_ path: ArraySlice<Step>, with value: JSONTree?) -> JSONTree {
        guard let step = path.first else { return value ?? .null }
        let rest = path.dropFirst()
        switch (self, step) {
        case (.object(var members), .key(let key)):
            if rest.isEmpty, value == nil {
                members[key] = nil
            } else if let child = members[key] {
                members[key] = child.replacing(rest, with: value)
            }
            return .object(members)
        case (.array(var elements), .index(let index)) where elements.indices.contains(index):
            if rest.isEmpty, value == nil {
                elements.remove(at: index)
            } else {
                elements[index] = elements[index].replacing(rest, with: value)
            }
            return .array(elements)
        default:
            return self
        }
    }

    /// The path as OCPI errors write it: "evses[2].connectors[0].standard".
    static func text(_ path: some Collection<Step>) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += (text.isEmpty ? "" : ".") + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
