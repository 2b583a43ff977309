#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Aligned columns for people, like the Control Panel's screens: a header row,
/// then one row per item; the last column is not padded.
struct TextTable {
    let headers: [String]
    private(set) var rows: [[String]] = []

    init(_ headers: [String]) {
        self.headers = headers
    }

    mutating func add(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs one cell per column")
        rows.append(row)
    }

    mutating func reserveCapacity(_ count: Int) {
        rows.reserveCapacity(count)
    }

    /// Written byte by byte into one buffer: a listing of the past may have a
    /// million rows. Widths count characters (an ASCII cell's are its bytes).
    func rendered() -> String {
        var widths = headers.map(Self.width)
        for row in rows { Self.widen(&widths, for: row) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 2 * widths.count))
        Self.append(headers, widths: widths, to: &bytes)
        for row in rows {
            bytes.append(0x0A)
            Self.append(row, widths: widths, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func width(_ cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    static func widen(_ widths: inout [Int], for row: [String]) {
        for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
    }

    /// One line, without its newline: cells padded to `widths`, the last not, no trailing space.
    static func append(_ row: [String], widths: [Int], to bytes: inout [UInt8]) {
        for (index, cell) in row.enumerated() {
            if index > 0 { bytes.append(contentsOf: [0x20, 0x20]) }
            bytes.append(contentsOf: cell.utf8)
            if index < row.count - 1 {
                bytes.append(contentsOf: repeatElement(0x20, count: widths[index] - width(cell)))
            }
        }
        while bytes.last == 0x20 { bytes.removeLast() }
    }
}

/// A table too long to hold in memory (an audit of millions of events), printed
/// exactly as `TextTable` prints the same rows: the column widths are measured in
/// a first pass over the rows, then the rows are made again and written a buffer
/// at a time.
struct StreamedTable {
    let headers: [String]
    private var widths: [Int]

    init(_ headers: [String]) {
        self.headers = headers
        widths = headers.map(TextTable.width)
    }

    /// The first pass: each row, to widen the columns.
    mutating func measure(_ row: [String]) {
        precondition(row.count == headers.count, "a row needs one cell per column")
        TextTable.widen(&widths, for: row)
    }

    /// The second pass: the header, then every row that `rows` hands to the function
    /// it is given, to standard output. A row wider than measured is written whole.
    func write(rows: (_ emit: ([String]) throws -> Void) throws -> Void) throws {
        fflush(nil)  // what `print` has buffered goes first
        var bytes: [UInt8] = []
        bytes.reserveCapacity(1 << 16)
        var widths = widths
        TextTable.append(headers, widths: widths, to: &bytes)
        try rows { row in
            TextTable.widen(&widths, for: row)
            bytes.append(0x0A)
            TextTable.append(row, widths: widths, to: &bytes)
            try OutputFile.standardOutput.writeWhenFull(&bytes)
        }
        bytes.append(0x0A)
        try OutputFile.standardOutput.write(bytes)
    }
}

/// Key-value lines for one item (`subscriber show`): labels padded to one width.
struct DetailList {
    private(set) var lines: [(String, String)] = []

    mutating func add(_ label: String, _ value: String?) {
        lines.append((label, value ?? "-"))
    }

    func rendered() -> String {
        let width = lines.map(\.0.count).max() ?? 0
        return lines.map { label, value in
            label + ":" + String(repeating: " ", count: width - label.count + 1) + value
        }.joined(separator: "\n")
    }
}
