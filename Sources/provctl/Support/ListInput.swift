import ArgumentParser
import FoundationEssentials

/// Lists of ICCIDs or numbers: given as arguments, or `--file F` (one a line, `#`
/// comments and blank lines ignored, `-` for standard input).
struct ListInput: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the items from a file, one a line ('-' for standard input).", valueName: "FILE"))
    var file: String?

    /// The items of the arguments and the file, with the file's line numbers for messages.
    func items(_ arguments: [String], what: String) throws -> [String] {
        var items = arguments
        if let file {
            let text: String
            if file == "-" {
                text = String(decoding: try StandardStreams.readInput(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(code: Failure.notFound, "The file \(file) cannot be read: check its path and permissions.")
                }
                guard let decoded = String(validating: data, as: UTF8.self) else {
                    throw Failure(code: Failure.malformed, "The file \(file) is not UTF-8 text: save it as plain text with one \(what) a line.")
                }
                text = decoded
            }
            // Byte-wise: a shipment file has a million lines.
            for line in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
                var slice = line[...]
                while let first = slice.first, first == 0x20 || first == 0x09 || first == 0x0D { slice.removeFirst() }
                while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice.removeLast() }
                if slice.isEmpty || slice.first == UInt8(ascii: "#") { continue }
                items.append(String(decoding: slice, as: UTF8.self))
            }
        }
        guard !items.isEmpty else {
            throw Failure(code: Failure.usage, "Give at least one \(what), as arguments or with --file.")
        }
        return items
    }
}

/// `on|off` options.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}
