import ArgumentParser
import FoundationEssentials
import Threads
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists of ICCIDs or numbers: given as arguments, or `--file F` (one a line, `#`
/// comments and blank lines ignored, `-` for standard input).
struct ListInput: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Read the items from a file, one a line ('-' for standard input).", valueName: "FILE"))
    var file: String?

    /// The items of the arguments and the file, with the file's line numbers for messages.
    func items(_ arguments: [String], what: String) throws -> [String] {
        var items = arguments
        if let file {
            if file == "-" {
                // Standard input is taken as it comes: invalid UTF-8 becomes U+FFFD.
                let text = Array(String(decoding: try StandardStreams.readInput(), as: UTF8.self).utf8)
                text.withUnsafeBytes { Self.appendLines(of: $0, to: &items) }
            } else {
                Self.warmHeap(forFile: file)
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw Failure(code: Failure.notFound, "The file \(file) cannot be read: check its path and permissions.")
                }
                // Read in place: a shipment's file is tens of MB.
                try data.withUnsafeBytes { text in
                    guard Self.isUTF8(text) else {
                        throw Failure(code: Failure.malformed, "The file \(file) is not UTF-8 text: save it as plain text with one \(what) a line.")
                    }
                    Self.appendLines(of: text, to: &items)
                }
            }
        }
        guard !items.isEmpty else {
            throw Failure(code: Failure.usage, "Give at least one \(what), as arguments or with --file.")
        }
        return items
    }

    /// A shipment's file (1,000 lines and more): the heap the command will take is made
    /// ready on the other core while this thread reads, decides and writes
    /// (`HeapWarming`). A book-in's heap grows by about 690 bytes a line of 20 bytes
    /// (the lines, events, and LMDB's copies of the pages it writes): the budget is 30
    /// bytes a byte of the file, the heap growing by all of it at once, a little less
    /// than it takes. Not more: a page faulted in and never used costs as much as one
    /// used (on these VMs, ~10 µs for memory the guest has not touched lately); with 40
    /// (the need before the seventeenth session's changes) the book-in was 5-10 %
    /// slower. And at most 1 GiB, and an eighth of the machine's memory: a larger change
    /// keeps less of its pages in memory (LMDB spills them), and warming must never be
    /// what runs a small machine out of memory.
    private static func warmHeap(forFile file: String) {
        var status = stat()
        guard stat(file, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size >= 16_384 else { return }
        let memory = sysconf(Int32(_SC_PHYS_PAGES)) * sysconf(Int32(_SC_PAGESIZE))
        let budget = min(Int(status.st_size) * 30, 1 << 30, max(0, memory / 8))
        guard budget > 0 else { return }
        _ = HeapWarming(budget: budget)
    }

    /// Whether `text` is UTF-8: ASCII (a shipment's file) is seen 8 bytes at a time;
    /// anything else is checked by the standard library, which makes a String of it.
    private static func isUTF8(_ text: UnsafeRawBufferPointer) -> Bool {
        guard let base = text.baseAddress else { return true }
        var offset = 0
        var high: UInt64 = 0
        while offset + 8 <= text.count {
            high |= base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            offset += 8
        }
        while offset < text.count {
            high |= UInt64(text[offset])
            offset += 1
        }
        if high & 0x8080_8080_8080_8080 == 0 { return true }
        return String(validating: text, as: UTF8.self) != nil
    }

    /// Each line's text, trimmed of spaces, tabs and CRs, but blank lines and `#`
    /// comments. Over raw bytes with `memchr`: a shipment file has a million lines
    /// (splitting the String's UTF-8 view took a quarter of a second).
    private static func appendLines(of text: UnsafeRawBufferPointer, to items: inout [String]) {
        guard let base = text.baseAddress else { return }
        func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var start = 0
        while start < text.count {
            let newline = memchr(base + start, 0x0A, text.count - start)
            let end = newline.map { UnsafeRawPointer($0) - base } ?? text.count
            var first = start
            var last = end
            while first < last && isBlank(text[first]) { first += 1 }
            while last > first && isBlank(text[last - 1]) { last -= 1 }
            if first < last && text[first] != UInt8(ascii: "#") {
                items.append(String(decoding: UnsafeRawBufferPointer(rebasing: text[first..<last]), as: UTF8.self))
            }
            start = end + 1
        }
    }
}

/// `on|off` options.
enum Switch: String, ExpressibleByArgument, CaseIterable {
    case on, off
    var isOn: Bool { self == .on }
}
