import Foundation
import StationFuzzing
import Testing

/// The fuzz targets' saved inputs through the same entry points the fuzzers call (`FuzzTarget.run`): a finding
/// that comes back crashes (or hangs) this test run, as it crashed the fuzzer.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct FuzzReplayTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz")

    /// The files of `Tests/Fuzz/<folder>/<target>/`, in name order.
    static func inputs(_ folder: String, of target: FuzzTarget) throws -> [URL] {
        let directory = fuzzFolder.appendingPathComponent(folder).appendingPathComponent(target.rawValue)
        guard FileManager.default.fileExists(atPath: directory.path) else { return [] }
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// Inputs that crashed or hung a fuzzer once (Tests/Fuzz/Regressions), each fixed since.
    @Test(arguments: FuzzTarget.allCases)
    func savedFindingsNoLongerCrash(_ target: FuzzTarget) async throws {
        for file in try Self.inputs("Regressions", of: target) {
            await target.run(Array(try Data(contentsOf: file)))
        }
    }

    /// The seed corpus (Tests/Fuzz/Corpus) runs clean too: it is what CI's short fuzzing starts from.
    @Test(arguments: FuzzTarget.allCases)
    func seedCorpusRunsClean(_ target: FuzzTarget) async throws {
        let seeds = try Self.inputs("Corpus", of: target)
        #expect(seeds.count >= 5, "Tests/Fuzz/Corpus/\(target.rawValue) has \(seeds.count) seeds")
        for file in seeds {
            await target.run(Array(try Data(contentsOf: file)))
        }
    }
}
