import OCPP
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKindOfValueAndWritesItBack() throws {
        let text = #"{"a":[1,-2,3.5,1.0,1e-05,true,false,null],"b":"tab\tquote\" slash\\ é 😀","c":{}}"#
        let value = try JSONValue(parsing: text)
        #expect(value == [
            "a": [1, -2, 3.5, .number(1.0), .number(0.00001), true, false, nil],
            "b": "tab\tquote\" slash\\ é 😀", "c": [:],
        ])
        #expect(try JSONValue(parsing: value.jsonText) == value)
    }

    @Test func keepsIntegersAndNonIntegersApart() throws {
        #expect(try JSONValue(parsing: "1") == .integer(1))
        #expect(try JSONValue(parsing: "1.0") == .number(1.0))
        #expect(try JSONValue(parsing: "1.0").jsonText == "1.0")
        #expect(try JSONValue(parsing: "-0") == .integer(0))
        // Beyond 64 bits an integer is kept as a number.
        #expect(try JSONValue(parsing: "123456789012345678901234") == .number(1.2345678901234568e23))
    }

    @Test func readsEscapesAndSurrogatePairs() throws {
        #expect(try JSONValue(parsing: #""\u00e9\ud83d\ude00\n\/""#) == "é😀\n/")
        #expect(JSONValue.string("\u{01}").jsonText == #""\u0001""#)
    }

    @Test func writesObjectsWithSortedKeys() {
        #expect(JSONValue.object(["b": 1, "a": 2]).jsonText == #"{"a":2,"b":1}"#)
    }

    @Test func duplicateKeysKeepTheLastValue() throws {
        #expect(try JSONValue(parsing: #"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test(arguments: [
        "", " ", "{", "[1,]", "[1 2]", "01", "1.", ".5", "+1", "1e", "tru", "nul", #""\x""#, "\"a\u{01}b\"",
        #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, "[1] 2", "NaN", "Infinity", "1e999", #"{"a" 1}"#, "{1:2}",
        #"{"a":1,}"#, #""unterminated"#, "'single'",
    ])
    func rejectsTextThatIsNotJSON(_ text: String) {
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: text) }
    }

    @Test func limitsNesting() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try JSONValue(parsing: deepest) }
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: tooDeep) }
        // Far deeper input is refused, not a stack overflow.
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try JSONValue(parsing: hostile) }
    }

    @Test func writesNonFiniteNumbersAsNull() {
        #expect(JSONValue.number(.infinity).jsonText == "null")
    }
}
