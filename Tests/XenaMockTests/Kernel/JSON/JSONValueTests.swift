import Foundation
import Testing

@testable import XenaMock

@Suite struct JSONValueTests {
    /// The parser agrees with Foundation's on every shipped fixture, and writing then parsing gives the same value.
    @Test func parsesTheFixturesAsFoundationDoes() throws {
        let root = URL(fileURLWithPath: TestServer.fixturesDirectory).appendingPathComponent("api")
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!.compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }
        #expect(files.count > 30)
        for file in files {
            let data = try Data(contentsOf: file)
            let parsed = try JSONValue.parse(data)
            let reference = try JSONSerialization.jsonObject(with: data)
            #expect(Self.matches(parsed, reference), "\(file.lastPathComponent)")
            #expect(try JSONValue.parse(parsed.serialized()) == parsed, "\(file.lastPathComponent)")
        }
    }

    static func matches(_ value: JSONValue, _ reference: Any) -> Bool {
        switch (value, reference) {
        case (.null, is NSNull): return true
        case (.bool(let bool), let number as NSNumber): return bool == number.boolValue
        case (.integer(let integer), let number as NSNumber): return integer == number.int64Value
        case (.number(let double), let number as NSNumber): return double == number.doubleValue
        case (.string(let string), let other as String): return string == other
        case (.array(let values), let others as [Any]): return values.count == others.count && zip(values, others).allSatisfy { matches($0, $1) }
        case (.object(let members), let others as [String: Any]):
            return members.count == others.count && members.allSatisfy { key, member in others[key].map { matches(member, $0) } ?? false }
        default: return false
        }
    }

    @Test func escapesAndNumbers() throws {
        let value = try JSONValue.parse(
            Data(#"{"a":"\u00e6\u00f8\u00e5 \ud83d\udeb2 \"q\" \\ \/ \n","b":-12,"c":1.5e2,"d":0,"e":[true,false,null],"f":9007199254740993}"#.utf8))
        #expect(value[path: "a"] == "æøå 🚲 \"q\" \\ / \n")
        #expect(value[path: "b"] == .integer(-12))
        #expect(value[path: "c"] == .number(150))
        #expect(value[path: "f"] == .integer(9_007_199_254_740_993))
        #expect(try JSONValue.parse(value.serialized()) == value)
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"\\x\"", "\"\\ud800\"", "\"a", "{}x", "[\"\u{01}\"]", "1e"])
    func invalidTextIsRefused(_ text: String) {
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(text.utf8)) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try JSONValue.parse(Data(deep.utf8)) }
    }
}
