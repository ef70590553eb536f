import Foundation
import OCPI

/// A sample OCPI document of Tests/OCPITests/Samples, named "Kind-what.json" (Kind an OCPIObjectKind).
///
/// Written for this project after the shape of the OCPI 2.2.1 spec's examples and the Bookings add-on's object
/// tables, covering every field of the objects they stand for.
struct SampleDocument: CustomStringConvertible, Sendable {
    let name: String
    let kind: OCPIObjectKind
    let data: Data

    var description: String { name }

    static let all: [SampleDocument] = {
        guard let folder = Bundle.module.url(forResource: "Samples", withExtension: nil),
            let files = try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        else { return [] }
        return files.filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }.compactMap { file in
            let name = file.deletingPathExtension().lastPathComponent
            guard let kind = OCPIObjectKind(rawValue: String(name.prefix { $0 != "-" })), let data = try? Data(contentsOf: file)
            else { return nil }
            return SampleDocument(name: name, kind: kind, data: data)
        }
    }()

    static func named(_ name: String) -> SampleDocument? { all.first { $0.name == name } }

    var tree: JSONTree { (try? JSONTree(data)) ?? .null }
}

/// A small deterministic generator (SplitMix64), so a failing property run can be repeated.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
