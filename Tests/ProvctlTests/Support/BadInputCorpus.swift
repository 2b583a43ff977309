import Foundation

/// One file of `Fixtures/bad-input/`: a header of directives saying how each case is
/// run, then the cases, each an input line followed by `  => CODE MESSAGE`, what
/// provctl answered (see `Fixtures/bad-input/README.md`).
struct BadInputCorpus {
    /// Everything before the first case, kept verbatim when the file is rewritten.
    var header: [String]
    /// `command:` the provctl arguments, `{input}` and `{file}` replaced per case.
    var command: String
    /// `as:` the acting user, if any.
    var user: String?
    /// `file:` what `{file}` holds (`{input}` replaced); without it `{file}` is the input itself.
    var fileTemplate: String?
    /// `store:` `walkthrough` (a copy shared by the file's cases) or `new` (an empty path per case).
    var store: String
    var cases: [(input: String, expected: String?)]

    static let directory = ProvctlProcess.projectDirectory.appendingPathComponent("Fixtures/bad-input")

    static var files: [String] {
        get throws {
            try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") }.sorted()
        }
    }

    init(named name: String) throws {
        let text = try String(contentsOf: Self.directory.appendingPathComponent(name), encoding: .utf8)
        var header: [String] = []
        var cases: [(String, String?)] = []
        var directives: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if cases.isEmpty, line.isEmpty || line.hasPrefix("#") || Self.directive(line) != nil {
                header.append(line)
                if let (key, value) = Self.directive(line) { directives[key] = value }
            } else if line.hasPrefix("  => ") {
                if !cases.isEmpty { cases[cases.count - 1].1 = String(line.dropFirst(5)) }
            } else if !line.isEmpty, !line.hasPrefix("#") {
                cases.append((line, nil))
            }
        }
        while header.last?.isEmpty == true { header.removeLast() }
        self.header = header
        command = directives["command"] ?? ""
        user = directives["as"]
        fileTemplate = directives["file"]
        store = directives["store"] ?? "walkthrough"
        self.cases = cases
    }

    static func directive(_ line: String) -> (String, String)? {
        for key in ["command", "as", "file", "store"] where line.hasPrefix(key + ": ") {
            return (key, String(line.dropFirst(key.count + 2)))
        }
        return nil
    }

    /// The file rewritten with `answers` as the expected lines.
    func rendered(_ answers: [String]) -> String {
        var lines = header + [""]
        for ((input, _), answer) in zip(cases, answers) { lines += [input, "  => " + answer] }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: The escape notation of inputs

    /// The bytes an input line stands for: `\xHH` a byte, `\n` `\r` `\t` `\s` (a space,
    /// for leading or trailing ones) `\\`, and `\*N{TEXT}` TEXT repeated N times.
    static func bytes(_ input: String) -> [UInt8] {
        var out: [UInt8] = []
        let characters = Array(input.utf8)
        var index = 0
        while index < characters.count {
            let byte = characters[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < characters.count else {
                out.append(byte)
                index += 1
                continue
            }
            let next = characters[index + 1]
            switch next {
            case UInt8(ascii: "x") where index + 3 < characters.count:
                out.append(UInt8(String(decoding: characters[(index + 2)...(index + 3)], as: UTF8.self), radix: 16) ?? 0x3F)
                index += 4
            case UInt8(ascii: "n"): out.append(0x0A); index += 2
            case UInt8(ascii: "r"): out.append(0x0D); index += 2
            case UInt8(ascii: "t"): out.append(0x09); index += 2
            case UInt8(ascii: "s"): out.append(0x20); index += 2
            case UInt8(ascii: "*"):
                // \*N{TEXT}: the text up to the matching close brace, escapes inside expanded.
                let rest = characters[(index + 2)...]
                guard let open = rest.firstIndex(of: UInt8(ascii: "{")), let count = Int(String(decoding: rest[..<open], as: UTF8.self)) else {
                    out.append(byte)
                    index += 1
                    continue
                }
                var depth = 0
                var close = open
                for position in open..<characters.count {
                    if characters[position] == UInt8(ascii: "{") { depth += 1 }
                    if characters[position] == UInt8(ascii: "}") { depth -= 1 }
                    if depth == 0 { close = position; break }
                }
                let inner = bytes(String(decoding: characters[(open + 1)..<close], as: UTF8.self))
                for _ in 0..<count { out += inner }
                index = close + 1
            default:
                out.append(next)
                index += 2
            }
        }
        return out
    }

    /// provctl's answer as one readable line: control characters and invalid UTF-8
    /// escaped, temporary paths named, and very long messages cut (their length kept).
    static func answer(status: Int32, stderr: String, replacing paths: [(String, String)]) -> String {
        var message = stderr.hasPrefix("provctl: ") ? String(stderr.dropFirst(9)) : stderr
        if message.hasSuffix("\n") { message.removeLast() }
        for (path, name) in paths { message = message.replacingOccurrences(of: path, with: name) }
        var escaped = ""
        for scalar in message.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\\": escaped += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FFFD}":
                escaped += String(format: "\\u{%X}", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        let characters = Array(escaped)
        if characters.count > 400 {
            escaped = String(characters.prefix(300)) + "…(\(characters.count) characters)"
        }
        return "\(status) \(escaped)"
    }
}
