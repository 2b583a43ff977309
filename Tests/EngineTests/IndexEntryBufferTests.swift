import LMDB
@testable import ReadModels
import Testing
import TestSupport

/// A bulk load's index entries (`IndexEntryBuffer`) come out of LMDB exactly as the
/// same entries put one by one, in the order added, would: whatever order they come
/// in, with equal keys (the last wins), buckets out of order, and prefixes of which
/// one begins another (the whole is then sorted).
@Suite struct IndexEntryBufferTests {
    /// Keys shaped like `rm.index`'s: a letter, NUL-separated fields, a tail.
    static func randomKey(_ rng: inout SplitMix64) -> [UInt8] {
        let letters: [UInt8] = Array("ABGINPSU".utf8)
        var key = [letters[Int(rng.next() % UInt64(letters.count))]]
        for _ in 0..<(rng.next() % 3) {
            key += Array("f\(rng.next() % 4)".utf8)
            if rng.next() % 5 != 0 { key.append(0) }
        }
        for _ in 0..<(rng.next() % 4) { key.append(UInt8(0x30 + rng.next() % 4)) }
        if rng.next() % 6 == 0 { key.append(0) }
        return key.isEmpty ? [0x41] : key
    }

    /// Seeds 1 to 8 with the full prefix hash; 9 to 12 keep two bits of it, so that
    /// prefixes share buckets (as two of one hash would).
    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as [UInt64])
    func aBulkLoadEqualsPutsInTheOrderAdded(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let directory = TemporaryDirectory("index-buffer")
        var options = LMDB.Environment.Options()
        options.noSync = true
        let environment = try LMDB.Environment(path: directory.path, databases: ["bulk", "puts"], options: options)
        var buffer = IndexEntryBuffer(hashMask: seed > 8 ? 0b11 : .max)
        var entries: [([UInt8], [UInt8])] = []
        // Runs in ascending order under one prefix (as records in key order give), mixed with random keys.
        for run in 0..<40 {
            // Seven prefixes shared by several runs (buckets out of order, equal keys), then one a run.
            let prefix = Array(run < 20 ? "S\(run % 7)".utf8 : "T\(run)".utf8) + [0]
            var tail: UInt8 = 0x20
            for _ in 0..<(rng.next() % 30) {
                tail &+= UInt8(1 + rng.next() % 3)
                entries.append((prefix + [tail], [UInt8(run)]))
                // Odd seeds add no other keys: the buckets alone decide the order.
                if seed % 2 == 0, rng.next() % 4 == 0 { entries.append((Self.randomKey(&rng), [UInt8(rng.next() % 256)])) }
            }
        }
        for (key, value) in entries { buffer.add(key, value) }
        try environment.write { txn in
            try buffer.write(into: environment.database("bulk"), in: txn.reference)
            for (key, value) in entries { try txn.put(environment.database("puts"), key, value) }
        }
        let contents = { (name: String) in
            try environment.read { txn in
                var all: [[UInt8]] = []
                try txn.forEach(environment.database(name)) { key, value in
                    all.append([UInt8](key))
                    all.append([UInt8](value))
                    return true
                }
                return all
            }
        }
        let expected = try contents("puts")
        #expect(!expected.isEmpty)
        #expect(try contents("bulk") == expected)
    }
}
