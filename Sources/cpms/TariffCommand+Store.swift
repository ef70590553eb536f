import ArgumentParser
import CPMS
import Foundation
import Tariffs

/// `cpms tariff list|show|create|edit|assign`: the tariffs stored in the database, as the API keeps them.
extension TariffCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the stored tariffs (their latest versions).")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                for version in try await TariffStore(database: store).latestVersions() {
                    print("\(version.tariffID)  version \(version.version)  valid from \(StoredTime.text(version.validFrom))  \(version.tariff.currency)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print every version of a tariff, oldest first, as OCPI JSON.")

        @Argument(help: "The tariff id.")
        var id: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                let versions = try await TariffStore(database: store).versions(of: id)
                guard !versions.isEmpty else { throw fail("unknown tariff \(id)") }
                for version in versions {
                    print("version \(version.version) valid from \(StoredTime.text(version.validFrom))")
                    print(String(decoding: try OCPIJSON.encode(version.tariff), as: UTF8.self))
                }
            }
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store a new tariff (an OCPI 2.2.1 Tariff JSON file) as its version 1.")

        @Argument(help: "The tariff file.")
        var file: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let tariff = try readTariff(file)
            try await withDatabase(database) { store in
                let version = try await TariffStore(database: store).create(tariff, at: Date())
                print("tariff \(version.tariffID) version \(version.version) valid from \(StoredTime.text(version.validFrom))")
            }
        }
    }

    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Save a tariff file as the next version of the stored tariff with its id, in force from now.")

        @Argument(help: "The tariff file.")
        var file: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let tariff = try readTariff(file)
            try await withDatabase(database) { store in
                let version = try await TariffStore(database: store).edit(tariff, at: Date())
                print("tariff \(version.tariffID) version \(version.version) valid from \(StoredTime.text(version.validFrom))")
            }
        }
    }

    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a tariff the one of a station, one of its EVSEs or one connector, from now on.")

        @Argument(help: "The tariff id.")
        var id: String

        @Argument(help: "The station id.")
        var station: String

        @Option(help: "The EVSE (1 or more); absent: the whole station.")
        var evse: Int?

        @Option(help: "The connector of that EVSE (1 or more); absent: the whole EVSE.")
        var connector: Int?

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let target: TariffTarget
            do {
                target = try TariffTarget(station: station, evse: evse, connector: connector)
            } catch {
                throw ValidationError("\(error)")
            }
            try await withDatabase(database) { store in
                try await TariffStore(database: store).assign(id, to: target, at: Date())
                print("tariff \(id) assigned to \(target)")
            }
        }
    }
}

private func readTariff(_ path: String) throws -> Tariff {
    guard let data = FileManager.default.contents(atPath: path) else { throw fail("\(path): cannot read the file") }
    do {
        return try OCPIJSON.decodeTariff(data)
    } catch {
        throw fail("\(path): \(error)")
    }
}
