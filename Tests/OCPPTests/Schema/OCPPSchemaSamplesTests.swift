import Foundation
import OCPP
import Testing

/// Every typed message, as we encode it, judged by the official schemas (PyPI `ocpp` 2.1.0 and jsonschema).
///
/// Writes `OCPPSamples.all` and `OCPPSamples.enumerations` to a directory (`OCPP_SAMPLES_DIR`, or a temporary
/// one) and runs `Tests/Interop/validate_ocpp_schemas.py` on it with the project's venv Python
/// (`.venv/bin/python`, set up by `scripts/test`; `OCPP_SCHEMA_PYTHON` overrides it).
@Suite struct OCPPSchemaSamples {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func everySampleAndEnumerationMatchesTheOfficialSchemas() throws {
        let environment = ProcessInfo.processInfo.environment
        let python = environment["OCPP_SCHEMA_PYTHON"] ?? Self.repositoryRoot.appendingPathComponent(".venv/bin/python").path
        guard FileManager.default.isExecutableFile(atPath: python) else {
            Issue.record("No Python with the ocpp package at \(python): run scripts/test (it creates .venv) or set OCPP_SCHEMA_PYTHON")
            return
        }
        let directory: URL
        if let requested = environment["OCPP_SAMPLES_DIR"] {
            directory = URL(fileURLWithPath: requested)
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("ocpp-samples-\(UUID().uuidString)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer {
            if environment["OCPP_SAMPLES_DIR"] == nil { try? FileManager.default.removeItem(at: directory) }
        }
        let samples = OCPPSamples.all
        try SampleDirectory.write(samples, enumerations: OCPPSamples.enumerations, to: directory)

        let script = Self.repositoryRoot.appendingPathComponent("Tests/Interop/validate_ocpp_schemas.py").path
        let (status, output) = try SampleDirectory.run(python, [script, directory.path])
        #expect(status == 0, "schema validation failed:\n\(output)")
        print(output)
    }
}

/// Writes samples in the layout `validate_ocpp_schemas.py` reads, and runs processes.
enum SampleDirectory {
    static func write(_ samples: [OCPPSample], enumerations: [OCPPEnumeration], to directory: URL) throws {
        var manifest: [JSONValue] = []
        for (index, sample) in samples.enumerated() {
            let file = "\(sample.version.rawValue)-\(sample.action)-\(sample.kind.rawValue)-\(sample.variant)-\(index).json"
            try Data(try sample.jsonText().utf8).write(to: directory.appendingPathComponent(file))
            manifest.append([
                "version": .string(sample.version.rawValue), "action": .string(sample.action),
                "kind": .string(sample.kind.rawValue), "variant": .string(sample.variant), "file": .string(file),
            ])
        }
        try Data(JSONValue.array(manifest).jsonText.utf8).write(to: directory.appendingPathComponent("manifest.json"))
        let table: [JSONValue] = enumerations.map { enumeration in
            [
                "version": .string(enumeration.version.rawValue),
                "schemaLocations": .array(enumeration.schemaLocations.map(JSONValue.string)),
                "values": .array(enumeration.values.map(JSONValue.string)),
            ]
        }
        try Data(JSONValue.array(table).jsonText.utf8).write(to: directory.appendingPathComponent("enumerations.json"))
    }

    /// Runs a program to its end and returns its exit status and combined output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self))
    }
}
