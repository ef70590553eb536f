import CPMS
import Testing

struct DatabaseURLTests {
    @Test func sqliteURLsNameARelativeOrAbsolutePath() throws {
        #expect(try DatabaseURL("sqlite://cpms.db") == .sqlite(path: "cpms.db"))
        #expect(try DatabaseURL("sqlite:///var/lib/cpms/cpms.db") == .sqlite(path: "/var/lib/cpms/cpms.db"))
    }

    @Test func postgresURLsAreAcceptedAndTheirPasswordIsNeverShown() throws {
        let url = try DatabaseURL("postgres://cpms:secret@db.example:5433/cpms")
        #expect(url == .postgres(url: "postgres://cpms:secret@db.example:5433/cpms"))
        #expect(!url.description.contains("secret"))
    }

    @Test(arguments: ["mysql://x/y", "sqlite://", "cpms.db", "postgres://db.example:5432"])
    func unusableURLsAreRefusedWithTheReason(_ text: String) {
        #expect(throws: DatabaseURLError.self) { try DatabaseURL(text) }
    }
}
