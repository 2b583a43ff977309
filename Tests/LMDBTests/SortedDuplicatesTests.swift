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
}
