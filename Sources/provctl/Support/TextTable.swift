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
        func width(_ cell: String) -> Int {
            cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
        }
        var widths = headers.map(width)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity((rows.count + 1) * (widths.reduce(0, +) + 2 * widths.count))
        func append(_ row: [String]) {
            for (index, cell) in row.enumerated() {
                if index > 0 { bytes.append(contentsOf: [0x20, 0x20]) }
                bytes.append(contentsOf: cell.utf8)
                if index < row.count - 1 {
                    bytes.append(contentsOf: repeatElement(0x20, count: widths[index] - width(cell)))
                }
            }
            while bytes.last == 0x20 { bytes.removeLast() }
        }
        append(headers)
        for row in rows {
            bytes.append(0x0A)
            append(row)
        }
        return String(decoding: bytes, as: UTF8.self)
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
