#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON document with object keys in the order they were given, so `--json`
/// output is stable and reads like the table it mirrors.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        lhs.serialized() == rhs.serialized()
    }

    static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// Compact (one line, as for JSON lines) or pretty (two-space indent).
    func serialized(pretty: Bool = false) -> String {
        // Written as UTF-8 bytes: appending to a String scalar by scalar was most of
        // an `export` (docs/performance.md, "Start-up", side effects).
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes `.array(elements).serialized(pretty: true)` and a newline to standard
    /// output, the same bytes, a buffer at a time: a listing of millions of items is
    /// never held as one document.
    static func writePrettyArray(_ elements: some Sequence<JSONValue>) throws {
        fflush(nil)  // what `print` has buffered goes first
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        try writeArray(elements, into: &out, pretty: true, indent: 0) { try OutputFile.standardOutput.writeWhenFull(&$0) }
        out.append(UInt8(ascii: "\n"))
        try OutputFile.standardOutput.write(out)
    }

    private func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out += "null".utf8
        case .bool(let value): out += (value ? "true" : "false").utf8
        case .int(let value): out += String(value).utf8
        case .string(let value): Self.writeString(value, into: &out)
        case .array(let values):
            Self.writeArray(values, into: &out, pretty: pretty, indent: indent) { _ in }
        case .object(let members):
            if members.isEmpty { out += "{}".utf8; return }
            out.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(indent + 2, into: &out) }
                Self.writeString(key, into: &out)
                out += (pretty ? ": " : ":").utf8
                value.write(into: &out, pretty: pretty, indent: indent + 2)
            }
            if pretty { Self.newline(indent, into: &out) }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// An array's elements one after the other; `afterEach` may write out what has
    /// been gathered so far (a listing streamed a buffer at a time).
    private static func writeArray(
        _ values: some Sequence<JSONValue>, into out: inout [UInt8], pretty: Bool, indent: Int,
        afterEach: (inout [UInt8]) throws -> Void
    ) rethrows {
        out.append(UInt8(ascii: "["))
        var isEmpty = true
        for value in values {
            if !isEmpty { out.append(UInt8(ascii: ",")) }
            isEmpty = false
            if pretty { newline(indent + 2, into: &out) }
            value.write(into: &out, pretty: pretty, indent: indent + 2)
            try afterEach(&out)
        }
        if pretty && !isEmpty { newline(indent, into: &out) }
        out.append(UInt8(ascii: "]"))
    }

    private static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }

    /// A string with `"`, `\\` and the control characters escaped; the runs between
    /// them (everything else, UTF-8 as it is) are copied whole.
    private static func writeString(_ value: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): out += #"\""#.utf8
                case UInt8(ascii: "\\"): out += #"\\"#.utf8
                case UInt8(ascii: "\n"): out += #"\n"#.utf8
                case UInt8(ascii: "\r"): out += #"\r"#.utf8
                case UInt8(ascii: "\t"): out += #"\t"#.utf8
                default: out += (#"\u00"# + EventJSON.hex([byte])).utf8
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        out.append(UInt8(ascii: "\""))
    }
}
