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

    func rendered() -> String {
        let all = [headers] + rows
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ").trailingSpacesTrimmed
        }.joined(separator: "\n")
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

extension String {
    var trailingSpacesTrimmed: String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
