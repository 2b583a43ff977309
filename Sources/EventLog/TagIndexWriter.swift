import LMDB

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the tag index entries (`tag ‖ 0x00 ‖ position`) of one append.
///
/// A small append puts each entry as it comes, its key built in one reused buffer.
/// A large one (a bulk book-in) collects its entries and puts them in key order at
/// `flush`: B-tree inserts in order touch each leaf page once instead of jumping
/// between the pages of every tag in turn (the reseller and group tags of each event).
struct TagIndexWriter: ~Copyable {
    private var key: [UInt8] = []
    private let collecting: Bool
    private var collected: [UInt8] = []
    /// (offset, length) of each collected key in `collected`.
    private var entries: [(offset: Int32, length: Int32)] = []

    init(expectedEntries: Int) {
        collecting = expectedEntries > 0
        if collecting {
            entries.reserveCapacity(expectedEntries)
            collected.reserveCapacity(expectedEntries * 40)
        } else {
            key.reserveCapacity(64)
        }
    }

    mutating func add(_ tag: String, _ position: UInt64, in txn: borrowing WriteTransaction, _ tags: Database) throws {
        if collecting {
            let offset = collected.count
            Self.append(tag, position, to: &collected)
            entries.append((Int32(offset), Int32(collected.count - offset)))
        } else {
            key.removeAll(keepingCapacity: true)
            Self.append(tag, position, to: &key)
            try key.withUnsafeBytes { try txn.put(tags, key: $0, value: UnsafeRawBufferPointer(start: nil, count: 0)) }
        }
    }

    private static func append(_ tag: String, _ position: UInt64, to buffer: inout [UInt8]) {
        var tag = tag
        tag.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(0)
        withUnsafeBytes(of: position.bigEndian) { buffer.append(contentsOf: $0) }
    }

    mutating func flush(in txn: borrowing WriteTransaction, _ tags: Database) throws {
        guard collecting, !entries.isEmpty else { return }
        try collected.withUnsafeBytes { all in
            let base = all.baseAddress!
            entries.sort { a, b in
                let common = Int(min(a.length, b.length))
                let order = memcmp(base + Int(a.offset), base + Int(b.offset), common)
                return order != 0 ? order < 0 : a.length < b.length
            }
            let empty = UnsafeRawBufferPointer(start: nil, count: 0)
            for entry in entries {
                try txn.put(
                    tags, key: UnsafeRawBufferPointer(start: base + Int(entry.offset), count: Int(entry.length)),
                    value: empty)
            }
        }
        entries.removeAll()
        collected.removeAll()
    }
}
