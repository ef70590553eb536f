import Foundation

/// Finds the field behind a number Foundation's JSONDecoder refuses without saying where.
///
/// A fraction where OCPI wants an int ("max_voltage": 230.5), or a number beyond what the field holds, comes out of
/// JSONDecoder as "not valid JSON" with no coding path. This puts 0 in place of each such number in turn and reads
/// again: the number whose replacement makes that complaint go away is the field to name.
enum NumberLocator {
    static func locate<Value: Decodable>(_ type: Value.Type, in data: Data) -> OCPIDecodingError? {
        guard let document = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else { return nil }
        var candidates: [[JSONPathStep]] = []
        collect(document, [], into: &candidates)
        for path in candidates.prefix(64) {
            let repaired = replacing(document, at: path[...])
            guard let repairedData = try? JSONSerialization.data(withJSONObject: repaired, options: [.fragmentsAllowed]) else { continue }
            do {
                _ = try JSONDecoder().decode(type, from: repairedData)
            } catch DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty {
                continue
            } catch {}
            return OCPIDecodingError(field: text(path), message: "must be a whole number within the field's range")
        }
        return nil
    }

    enum JSONPathStep {
        case key(String)
        case index(Int)
    }

    private static func collect(_ node: Any, _ path: [JSONPathStep], into candidates: inout [[JSONPathStep]]) {
        switch node {
        case let object as [String: Any]:
            for key in object.keys.sorted() { collect(object[key] as Any, path + [.key(key)], into: &candidates) }
        case let array as [Any]:
            for (index, element) in array.enumerated() { collect(element, path + [.index(index)], into: &candidates) }
        case is Bool, is String, is NSNull:
            return
        case let number as NSNumber:
            let value = number.doubleValue
            if value != value.rounded() || abs(value) >= 9.2e18 || !value.isFinite { candidates.append(path) }
        default:
            return
        }
    }

    private static func replacing(_ node: Any, at path: ArraySlice<JSONPathStep>) -> Any {
        guard let step = path.first else { return 0 }
        switch (node, step) {
        case (var object as [String: Any], .key(let key)):
            if let child = object[key] { object[key] = replacing(child, at: path.dropFirst()) }
            return object
        case (var array as [Any], .index(let index)) where array.indices.contains(index):
            array[index] = replacing(array[index], at: path.dropFirst())
            return array
        default:
            return node
        }
    }

    private static func text(_ path: [JSONPathStep]) -> String {
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
