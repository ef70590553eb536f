import Foundation
import OCPI
import Testing

/// Properties over mutated sample documents: whatever is changed, reading never traps, and a refusal always names
/// the field that was changed (or, for a rule between fields, one beside it).
@Suite struct MutationPropertyTests {
    /// A value of another JSON type than `value`.
    private static func wrongType(for value: JSONTree) -> JSONTree {
        switch value {
        case .string: .number(42)
        case .number: .string("42")
        case .bool: .string("true")
        case .object: .array([.number(1)])
        case .array: .object(["x": .number(1)])
        case .null: .bool(true)
        }
    }

    private static func read(_ sample: SampleDocument, _ tree: JSONTree) -> OCPIDecodingError? {
        do {
            _ = try sample.kind.normalized(tree.data)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: SampleDocument.all)
    func aWrongTypeIsRefusedAtItsPath(_ sample: SampleDocument) {
        for (path, value) in sample.tree.nodes {
            let error = Self.read(sample, sample.tree.replacing(path[...], with: Self.wrongType(for: value)))
            #expect(error?.field == JSONTree.text(path), "\(sample): \(JSONTree.text(path)) -> \(String(describing: error))")
        }
    }

    @Test(arguments: SampleDocument.all)
    func aDroppedFieldIsAcceptedOrRefusedBesideIt(_ sample: SampleDocument) {
        var refused = 0
        for (path, _) in sample.tree.nodes {
            guard case .key = path.last else { continue }
            guard let error = Self.read(sample, sample.tree.replacing(path[...], with: nil)) else { continue }
            refused += 1
            let parent = JSONTree.text(path.dropLast())
            #expect(
                error.field == JSONTree.text(path) || (!error.field.isEmpty && (parent.isEmpty || error.field.hasPrefix(parent))),
                "\(sample): dropping \(JSONTree.text(path)) -> \(error)")
        }
        #expect(refused > 0, "\(sample): no field is required?")
    }

    @Test(arguments: SampleDocument.all)
    func anOverlongStringOrUnknownValueIsRefusedAtItsPathOrKept(_ sample: SampleDocument) {
        for (path, value) in sample.tree.nodes {
            guard case .string = value else { continue }
            for replacement in [String(repeating: "A", count: 6000), "NOT_AN_OCPI_VALUE", "Ü", ""] {
                let tree = sample.tree.replacing(path[...], with: .string(replacement))
                guard let error = Self.read(sample, tree) else { continue }
                #expect(error.field == JSONTree.text(path) || error.field.hasPrefix(JSONTree.text(path.dropLast())),
                        "\(sample): \(JSONTree.text(path)) = \(replacement.prefix(20)) -> \(error)")
            }
        }
    }

    /// Random combinations of the mutations above and of raw byte damage: no trap, and a refusal of a document that
    /// is still a JSON object names a field.
    @Test func randomMutationsNeverTrapAndAlwaysNameAField() async {
        var random = SeededGenerator(seed: 0x0C91_2026)
        let samples = SampleDocument.all
        var refusals = 0
        for round in 0..<3000 {
            if round % 500 == 0 { await Task.yield() }
            guard let sample = samples.randomElement(using: &random) else { return }
            var tree = sample.tree
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let nodes = tree.nodes
                guard let (path, value) = nodes.randomElement(using: &random) else { break }
                switch Int.random(in: 0..<5, using: &random) {
                case 0: tree = tree.replacing(path[...], with: nil)
                case 1: tree = tree.replacing(path[...], with: Self.wrongType(for: value))
                case 2: tree = tree.replacing(path[...], with: .string(String(repeating: "9", count: Int.random(in: 0...600, using: &random))))
                case 3: tree = tree.replacing(path[...], with: .number(Decimal(Int.random(in: -1_000_000...1_000_000, using: &random)) / 7))
                default: tree = tree.replacing(path[...], with: .null)
                }
            }
            var bytes = [UInt8](tree.data)
            let damaged = Int.random(in: 0..<4, using: &random) == 0 && !bytes.isEmpty
            if damaged {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            do {
                _ = try sample.kind.normalized(Data(bytes))
            } catch {
                refusals += 1
                if !damaged { #expect(!error.field.isEmpty, "\(sample) round \(round): \(error) in \(String(decoding: bytes, as: UTF8.self).prefix(3000))") }
                #expect(!error.message.isEmpty)
            }
        }
        #expect(refusals > 1000)
    }
}
