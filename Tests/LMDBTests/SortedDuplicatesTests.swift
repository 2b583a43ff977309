import Foundation
import LMDB
import Testing
import TestSupport

/// Databases of fixed-size sorted duplicates: one key, many 8-byte values in order.
@Suite struct SortedDuplicatesTests {
    static func value(_ number: UInt64) -> [UInt8] { withUnsafeBytes(of: number.bigEndian) { Array($0) } }

    @Test func valuesAreKeptInOrderPerKeyAndAppendedInBulk() throws {
        let directory = TemporaryDirectory("lmdb")
        let path = directory.path
        let env = try Environment(path: path, databases: ["dups"], fixedSizeDuplicates: ["dups"])
        let db = env.database("dups")
        let key = Array("reseller:R".utf8)
        try env.write { txn in
            try txn.withWriteCursor(db) { cursor in
                let values = [2, 3, 5, 8].flatMap { Self.value($0) }
                try key.withUnsafeBytes { key in
                    try values.withUnsafeBytes { try cursor.put(key: key, values: $0, valueSize: 8, flags: .appendDuplicate) }
                    try Self.value(13).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: .appendDuplicate) }
                    // Not after the key's last value: refused, as MDB_APPEND refuses a key.
                    #expect(throws: LMDBError.keyExists) {
                        try Self.value(13).withUnsafeBytes { try cursor.put(key: key, value: $0, flags: .appendDuplicate) }
                    }
                }
            }
            try txn.put(db, Array("other".utf8), Self.value(1))
        }
        try env.read { txn in
            let count = try txn.count(db)
            #expect(count == 6)  // pairs, not keys
            var all: [[UInt8]] = []
            try txn.forEachValue(db, key: key) { all.append(Array($0)); return true }
            #expect(all == [2, 3, 5, 8, 13].map(Self.value))
            var from4: [UInt8]?
            try txn.forEachValue(db, key: key, from: Self.value(4)) { from4 = Array($0); return false }
            #expect(from4 == Self.value(5))
            var none = 0
            try txn.forEachValue(db, key: Array("missing".utf8)) { _ in none += 1; return true }
            #expect(none == 0)
            let eight = try txn.contains(db, key: key, value: Self.value(8))
            let nine = try txn.contains(db, key: key, value: Self.value(9))
            #expect(eight && !nine)
        }
        try env.write { txn in
            let first = try txn.delete(db, key: key, value: Self.value(3))
            let second = try txn.delete(db, key: key, value: Self.value(3))
            #expect(first && !second)
        }
        let left = try env.read { txn in
            var left: [[UInt8]] = []
            try txn.forEachValue(db, key: key) { left.append(Array($0)); return true }
            return left
        }
        #expect(left == [2, 5, 8, 13].map(Self.value))
    }

    /// `forEachValueRun` gives every pair exactly once, in order, whether a key has one
    /// value (no duplicates page), a few, or many pages of them.
    @Test func valueRunsVisitEveryPairInOrder() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["dups"], fixedSizeDuplicates: ["dups"])
        let db = env.database("dups")
        // 20,000 values of 8 bytes fill about 40 pages of 4 KiB.
        let shape: [(key: String, values: [UInt64])] = [
            ("a-one", [7]), ("b-few", [1, 2, 3]), ("c-many", Array(1...20_000).map { $0 * 3 }), ("d-one", [42]),
        ]
        try env.write { txn in
            for (key, values) in shape {
                for value in values { try txn.put(db, Array(key.utf8), Self.value(value)) }
            }
        }
        var seen: [(String, UInt64)] = []
        var calls = 0
        try env.read { txn in
            try txn.forEachValueRun(db) { key, values in
                calls += 1
                #expect(values.count % 8 == 0 && values.count > 0)
                for offset in stride(from: 0, to: values.count, by: 8) {
                    let value = UInt64(bigEndian: values.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    seen.append((String(decoding: key, as: UTF8.self), value))
                }
                return true
            }
        }
        let expected = shape.flatMap { entry in entry.values.map { (entry.key, $0) } }
        #expect(seen.count == expected.count)
        #expect(seen.elementsEqual(expected) { $0.0 == $1.0 && $0.1 == $1.1 })
        #expect(calls > 4 && calls < 100)  // pages, not pairs

        var firstKeys: [String] = []
        try env.read { txn in
            try txn.forEachValueRun(db) { key, _ in
                firstKeys.append(String(decoding: key, as: UTF8.self))
                return firstKeys.count < 2
            }
        }
        #expect(firstKeys == ["a-one", "b-few"])
    }
}
