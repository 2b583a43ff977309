#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input, output and error, and files written whole, by file descriptor.
/// (Foundation's `FileHandle` is not in `FoundationEssentials`, and provctl links
/// only that part of Foundation: docs/performance.md, "Start-up".)
enum StandardStreams {
    /// Writes `text` to standard error; a failure to write there has nowhere to go.
    static func writeError(_ text: String) {
        var text = text
        text.withUTF8 { try? OutputFile.standardError.write(UnsafeRawBufferPointer($0)) }
    }

    /// Everything on standard input, up to its end.
    static func readInput() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += chunk[..<count]
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                throw Failure(code: Failure.storage, "Cannot read standard input: \(String(cString: strerror(errno))).")
            }
        }
    }
}

/// A file descriptor written whole: every call writes all its bytes or throws.
struct OutputFile {
    let descriptor: Int32
    let name: String

    static let standardOutput = OutputFile(descriptor: 1, name: "standard output")
    static let standardError = OutputFile(descriptor: 2, name: "standard error")

    /// Creates (or empties) the file at `path`, readable and writable by its owner only.
    init(creating path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        // The mode given to open(2) passes through the umask, and an existing file keeps
        // its own: set it, so an export is owner-only under any umask.
        guard descriptor >= 0, fchmod(descriptor, 0o600) == 0 else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { _ = systemClose(descriptor) }
            throw Failure(code: Failure.storage, "Cannot write \(path) (\(reason)): check the directory exists and is writable.")
        }
        self.init(descriptor: descriptor, name: path)
    }

    private init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written >= 0 {
                offset += written
            } else if errno != EINTR {
                throw Failure(code: Failure.storage, "Cannot write \(name): \(String(cString: strerror(errno))).")
            }
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Writes and empties `bytes` once they hold 64 KiB: output too long to hold (a
    /// listing or an audit of millions) gathered and written a buffer at a time.
    func writeWhenFull(_ bytes: inout [UInt8]) throws {
        guard bytes.count >= 1 << 16 else { return }
        try write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    func close() throws {
        guard systemClose(descriptor) == 0 else {
            throw Failure(code: Failure.storage, "Cannot write \(name): \(String(cString: strerror(errno))).")
        }
    }
}

// The C calls, named apart from `OutputFile`'s methods of the same names.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}

private func systemClose(_ descriptor: Int32) -> Int32 {
    close(descriptor)
}
