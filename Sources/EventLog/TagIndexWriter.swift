import LMDB

/// Writes the tag index entries (`tag ‖ 0x00 ‖ position`) of one append, each key
/// built in one reused buffer instead of an array per entry.
///
/// Sorting a bulk append's entries before putting them (so that B-tree inserts go in
/// key order) was measured and left out: with SIM events, whose tags are mostly
/// consecutive ICCIDs already, the sort cost more CPU than the inserts saved.
struct TagIndexWriter: ~Copyable {
    private var key: [UInt8] = []

    init() {
        key.reserveCapacity(64)
    }

    mutating func add(_ tag: String, _ position: UInt64, in txn: borrowing WriteTransaction, _ tags: Database) throws {
        key.removeAll(keepingCapacity: true)
        var tag = tag
        tag.withUTF8 { key.append(contentsOf: $0) }
        key.append(0)
        withUnsafeBytes(of: position.bigEndian) { key.append(contentsOf: $0) }
        try key.withUnsafeBytes { try txn.put(tags, key: $0, value: UnsafeRawBufferPointer(start: nil, count: 0)) }
    }
}
