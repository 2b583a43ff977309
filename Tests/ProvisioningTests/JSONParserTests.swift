import Foundation
import Testing

@testable import Provisioning
import TestSupport

/// `JSONParser`, which reads script lines and export lines: the values it gives, what
/// it refuses, the duplicate keys it reports, and, against Foundation's
/// `JSONSerialization` (which it replaced), the same verdict and the same values on
/// thousands of seeded variations of the walkthrough's lines.
@Suite("JSON parser")
struct JSONParserTests {
    static func parse(_ text: String, fragmentsAllowed: Bool = false) -> Any? {
        try? JSONParser.parse(text, fragmentsAllowed: fragmentsAllowed).value
    }

    @Test("values: strings, whole numbers as Int, other numbers as Double, booleans, null, nesting")
    func values() throws {
        let object = try #require(Self.parse(#"{"s": "a\"b\\c\/\n\u00e9\ud83d\ude00", "i": -42, "d": 1.5, "e": 3e2, "t": true, "f": false, "n": null, "a": [1, "x", []], "o": {}}"#) as? [String: Any])
        #expect(object["s"] as? String == "a\"b\\c/\né😀")
        #expect(object["i"] as? Int == -42)
        #expect(object["d"] as? Double == 1.5)
        #expect(object["e"] as? Double == 300)
        #expect(object["t"] as? Bool == true)
        #expect(object["f"] as? Bool == false)
        #expect(object["n"] is JSONNull)
        #expect((object["a"] as? [Any])?.count == 3)
        #expect((object["o"] as? [String: Any])?.isEmpty == true)
        // A whole number too large for Int is a Double, as JSONSerialization gave it.
        #expect(Self.parse("[123456789012345678901234567890]").flatMap { ($0 as? [Any])?.first } as? Double == 1.2345678901234568e29)
    }

    @Test("refused", arguments: [
        "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]", "[+1]",
        "[1e400]", "[tru]", "[nul]", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\ud800\"]", "[\"\\udc00\"]", "[\"a\tb\"]",
        "[\"a\nb\"]", "[\"open]", "[1] x", "[1][2]", "\"top-level string\"", "42", "true", "null", "[NaN]", "[Infinity]",
        "{\"a\":1}}", "[1,,2]", "{,}",
    ])
    func refused(_ text: String) {
        #expect(Self.parse(text) == nil, "\(text.debugDescription) was accepted")
    }

    @Test("top-level values other than objects and arrays only with fragmentsAllowed")
    func fragments() {
        #expect(Self.parse("\"x\"", fragmentsAllowed: true) as? String == "x")
        #expect(Self.parse(" 7 ", fragmentsAllowed: true) as? Int == 7)
        #expect(Self.parse("7") == nil)
    }

    @Test("invalid UTF-8 in a string is refused")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("[\"a".utf8) + [0xFF] + Array("\"]".utf8)
        let result = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
        #expect(result == nil)
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func depth() {
        let limit = JSONParser.maximumDepth
        #expect(Self.parse(String(repeating: "[", count: limit) + String(repeating: "]", count: limit)) != nil)
        #expect(Self.parse(String(repeating: "[", count: limit + 1) + String(repeating: "]", count: limit + 1)) == nil)
        #expect(Self.parse(String(repeating: "[", count: 100_000)) == nil)
    }

    @Test("the first key given twice in one object, decoded, in document order")
    func duplicateKeys() throws {
        #expect(try JSONParser.parse(#"{"as": "mike", "args": {"a": 1, "b": {"a": 2}}}"#).duplicateKey == nil)
        #expect(try JSONParser.parse(#"{"as": "mike", "args": {}, "as": "liziya"}"#).duplicateKey == "as")
        #expect(try JSONParser.parse(#"{"\u0061s": "mike", "as": "liziya"}"#).duplicateKey == "as")
        #expect(try JSONParser.parse(#"{"args": {"reseller": 1, "reseller": 2}, "as": 1, "as": 2}"#).duplicateKey == "reseller")
        #expect(try JSONParser.parse(#"[{"x": 1}, {"x": 2}]"#).duplicateKey == nil)
    }

    /// The walkthrough's script lines, then seeded variations: bytes dropped, doubled,
    /// swapped or replaced by JSON's own punctuation, digits and escapes.
    @Test("the same verdict and values as JSONSerialization on 20,000 variations of real lines")
    func sameAsJSONSerialization() throws {
        let lines = FuzzScriptLineTests.baseLines.map { Array($0.utf8) }
        try #require(!lines.isEmpty)
        let alphabet = Array(#"{}[],:"\/-+.eE0123456789 tfnulrsa"#.utf8) + [0x0A, 0x09]
        var random = SplitMix64(seed: 0x4A53_4F4E)
        var accepted = 0
        for iteration in 0..<20_000 {
            var bytes = lines[iteration % lines.count]
            for _ in 0..<Int.random(in: 0...3, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(bytes[at], at: at)
                case 2: bytes[at] = alphabet.randomElement(using: &random)!
                default: bytes.insert(contentsOf: Array(#"\u00"#.utf8), at: at)
                }
            }
            let ours = bytes.withUnsafeBufferPointer { try? JSONParser.parse($0) }
            let theirs = try? JSONSerialization.jsonObject(with: Data(bytes))
            let text = String(decoding: bytes, as: UTF8.self)
            #expect((ours == nil) == (theirs == nil), "\(text): ours \(ours == nil ? "refused" : "accepted"), JSONSerialization's the other")
            // A key given twice keeps a value that may differ between the two parsers;
            // callers refuse such lines before reading any value.
            if let ours, ours.duplicateKey == nil, let theirs {
                accepted += 1
                #expect(Self.same(ours.value, theirs), "\(text) parsed differently")
            }
        }
        #expect(accepted > 5_000, "too few variations stayed valid JSON to compare values: \(accepted)")
    }

    /// Our Swift values against JSONSerialization's Foundation objects.
    static func same(_ ours: Any, _ theirs: Any) -> Bool {
        switch ours {
        case let string as String: return theirs as? String == string
        case let bool as Bool:
            guard let number = theirs as? NSNumber, String(cString: number.objCType) == "c" else { return false }
            return number.boolValue == bool
        case let integer as Int:
            guard let number = theirs as? NSNumber, String(cString: number.objCType) != "c" else { return false }
            return number.doubleValue == Double(integer)
        case let double as Double:
            guard let number = theirs as? NSNumber, String(cString: number.objCType) != "c" else { return false }
            return number.doubleValue == double
        case is JSONNull: return theirs is NSNull
        case let array as [Any]:
            guard let other = theirs as? [Any], other.count == array.count else { return false }
            return zip(array, other).allSatisfy { same($0, $1) }
        case let object as [String: Any]:
            guard let other = theirs as? [String: Any], Set(other.keys) == Set(object.keys) else { return false }
            return object.allSatisfy { key, value in same(value, other[key]!) }
        default: return false
        }
    }
}
