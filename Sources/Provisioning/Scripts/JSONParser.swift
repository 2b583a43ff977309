/// A strict JSON parser (RFC 8259) for script lines and export lines.
///
/// It gives Swift values: `String`, `Bool`, `Int` (an integer literal that fits),
/// `Double` (any other number), `[Any]`, `[String: Any]` and `JSONNull`. A dictionary
/// keeps one of two values given for one key silently, so the parser also reports
/// the first key given twice in one object: a line such as
/// `{"as": "mike", ..., "as": "liziya"}` would say two things and act on one, and
/// script lines and export lines refuse it.
///
/// Foundation's `JSONSerialization` did this before; it is not in `FoundationEssentials`,
/// and linking it pulled the rest of Foundation, CoreFoundation and ICU into provctl
/// (docs/performance.md, "Start-up").
public enum JSONParser {
    /// The text is not JSON, or nests deeper than `maximumDepth`.
    public struct Invalid: Error, Equatable, Sendable {
        /// The byte offset where the parser stopped.
        public var offset: Int
    }

    public struct Parsed {
        public var value: Any
        /// The first key (decoded) given twice in one object, in document order.
        public var duplicateKey: String?
    }

    /// Arrays and objects nested deeper than this are refused, so a hostile line
    /// cannot exhaust the stack.
    public static let maximumDepth = 512

    /// Parses one JSON text whose top level is an object or an array (or any value
    /// with `fragmentsAllowed`), with only whitespace around it.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, fragmentsAllowed: Bool = false) throws(Invalid)
        -> Parsed
    {
        var parser = Parser(bytes: bytes)
        parser.skipWhitespace()
        if !fragmentsAllowed {
            guard let first = parser.peek(), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                throw Invalid(offset: parser.index)
            }
        }
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw Invalid(offset: parser.index) }
        return Parsed(value: value, duplicateKey: parser.duplicateKey)
    }

    public static func parse(_ text: String, fragmentsAllowed: Bool = false) throws(Invalid) -> Parsed {
        var text = text
        let result: Result<Parsed, Invalid> = text.withUTF8 { bytes in
            Result { () throws(Invalid) -> Parsed in try parse(bytes, fragmentsAllowed: fragmentsAllowed) }
        }
        return try result.get()
    }
}

/// JSON's `null`, as a value of a parsed object or array.
public struct JSONNull: Hashable, Sendable {
    public init() {}
}

private struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var duplicateKey: String?

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func invalid() -> JSONParser.Invalid { JSONParser.Invalid(offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8) throws(JSONParser.Invalid) {
        guard peek() == byte else { throw invalid() }
        index += 1
    }

    mutating func value(depth: Int) throws(JSONParser.Invalid) -> Any {
        guard let byte = peek() else { throw invalid() }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "t"): return try literal("true", true)
        case UInt8(ascii: "f"): return try literal("false", false)
        case UInt8(ascii: "n"): return try literal("null", JSONNull())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw invalid()
        }
    }

    mutating func literal(_ word: StaticString, _ value: Any) throws(JSONParser.Invalid) -> Any {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { throw invalid() }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw invalid() }
        index += count
        return value
    }

    mutating func object(depth: Int) throws(JSONParser.Invalid) -> [String: Any] {
        guard depth <= JSONParser.maximumDepth else { throw invalid() }
        index += 1  // {
        var object: [String: Any] = [:]
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return object
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else { throw invalid() }
            let key = try string()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try value(depth: depth)
            if object.updateValue(value, forKey: key) != nil, duplicateKey == nil { duplicateKey = key }
            skipWhitespace()
            guard let next = peek() else { throw invalid() }
            index += 1
            if next == UInt8(ascii: "}") { return object }
            guard next == UInt8(ascii: ",") else {
                index -= 1
                throw invalid()
            }
        }
    }

    mutating func array(depth: Int) throws(JSONParser.Invalid) -> [Any] {
        guard depth <= JSONParser.maximumDepth else { throw invalid() }
        index += 1  // [
        var array: [Any] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            index += 1
            return array
        }
        while true {
            skipWhitespace()
            array.append(try value(depth: depth))
            skipWhitespace()
            guard let next = peek() else { throw invalid() }
            index += 1
            if next == UInt8(ascii: "]") { return array }
            guard next == UInt8(ascii: ",") else {
                index -= 1
                throw invalid()
            }
        }
    }

    /// A string: valid UTF-8, no raw control characters, escapes decoded (a UTF-16
    /// surrogate must come in a pair).
    mutating func string() throws(JSONParser.Invalid) -> String {
        index += 1  // "
        let start = index
        // The common case: no escape, so the bytes are the string.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                guard let text = String(validating: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                else { throw JSONParser.Invalid(offset: start) }
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw invalid() }
            index += 1
        }
        var decoded = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: decoded, as: UTF8.self) else { throw JSONParser.Invalid(offset: start) }
                index += 1
                return text
            case UInt8(ascii: "\\"):
                index += 1
                guard let escape = peek() else { throw invalid() }
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escape)
                case UInt8(ascii: "b"): decoded.append(0x08)
                case UInt8(ascii: "f"): decoded.append(0x0C)
                case UInt8(ascii: "n"): decoded.append(0x0A)
                case UInt8(ascii: "r"): decoded.append(0x0D)
                case UInt8(ascii: "t"): decoded.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = UInt32(try hex4())
                    if (0xD800...0xDBFF).contains(scalar) {
                        guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        else { throw invalid() }
                        index += 2
                        let low = UInt32(try hex4())
                        guard (0xDC00...0xDFFF).contains(low) else { throw invalid() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw invalid()
                    }
                    decoded.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    throw invalid()
                }
            default:
                guard byte >= 0x20 else { throw invalid() }
                decoded.append(byte)
                index += 1
            }
        }
        throw invalid()
    }

    mutating func hex4() throws(JSONParser.Invalid) -> UInt16 {
        guard bytes.count - index >= 4 else { throw invalid() }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalid()
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`: an `Int` when it has
    /// neither fraction nor exponent and fits, a finite `Double` otherwise.
    mutating func number() throws(JSONParser.Invalid) -> Any {
        let start = index
        if peek() == UInt8(ascii: "-") { index += 1 }
        guard let first = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw invalid() }
        if first == UInt8(ascii: "0") {
            index += 1
        } else {
            skipDigits()
        }
        var integral = true
        if peek() == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard skipDigits() > 0 else { throw invalid() }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            integral = false
            index += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { index += 1 }
            guard skipDigits() > 0 else { throw invalid() }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let integer = Int(text) { return integer }
        guard let double = Double(text), double.isFinite else { throw JSONParser.Invalid(offset: start) }
        return double
    }

    @discardableResult
    mutating func skipDigits() -> Int {
        let start = index
        while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { index += 1 }
        return index - start
    }
}
