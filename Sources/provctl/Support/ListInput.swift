import ArgumentParser
import Foundation

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
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            } else {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(code: Failure.notFound, "The file \(file) cannot be read: check its path and permissions.")
                }
                guard let decoded = String(validating: data, as: UTF8.self) else {
                    throw Failure(code: Failure.malformed, "The file \(file) is not UTF-8 text: save it as plain text with one \(what) a line.")
                }
                text = decoded
            }
            for line in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
                items.append(trimmed)
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
