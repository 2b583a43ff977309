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

    /// Two runs of chunks merged (`BulkLoadIndexer.merge`, the two parts of a bulk
    /// load's index) give what one buffer given the entries of both, the first's before
    /// the second's, gives: equal keys across the two included (the second's wins).
    @Test(arguments: [1, 2, 3, 4, 9, 10] as [UInt64])
    func twoRunsMergedEqualOneBufferWithTheEntriesOfBoth(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        var first = IndexEntryBuffer(hashMask: seed > 8 ? 0b11 : .max)
        var second = IndexEntryBuffer(hashMask: seed > 8 ? 0b11 : .max)
        var both = IndexEntryBuffer()
        var entries: [(key: [UInt8], value: [UInt8], inFirst: Bool)] = []
        for run in 0..<300 {
            let prefix = Array("S\(run % 5)".utf8) + [0]
            var tail = UInt16(0x2020 + run * 40)  // runs of one prefix overlap a little: some equal keys
            for _ in 0..<(rng.next() % 40) {
                tail &+= UInt16(1 + rng.next() % 2)
                entries.append((prefix + [UInt8(tail >> 8), UInt8(tail & 0xFF)], [UInt8(run % 256)], run % 3 != 0))
                if rng.next() % 3 == 0 { entries.append((Self.randomKey(&rng), [UInt8(rng.next() % 256)], rng.next() % 2 == 0)) }
            }
        }
        for entry in entries where entry.inFirst { first.add(entry.key, entry.value) }
        for entry in entries where !entry.inFirst { second.add(entry.key, entry.value) }
        for entry in entries.filter(\.inFirst) + entries.filter({ !$0.inFirst }) { both.add(entry.key, entry.value) }
        /// A buffer's entries in chunks of `perChunk` (the indexer's are of 4,096).
        func chunks(_ buffer: IndexEntryBuffer, perChunk: Int) -> [BulkLoadIndexer.Chunk] {
            var chunks: [BulkLoadIndexer.Chunk] = []
            var chunk = BulkLoadIndexer.Chunk()
            buffer.forEachInKeyOrder { key, value in
                chunk.append(key: key, value: value)
                if chunk.count == perChunk {
                    chunks.append(chunk)
                    chunk = BulkLoadIndexer.Chunk()
                }
            }
            if chunk.count > 0 { chunks.append(chunk) }
            return chunks
        }
        func merged(_ a: [BulkLoadIndexer.Chunk], _ b: [BulkLoadIndexer.Chunk]) throws -> (entries: [[UInt8]], sizes: [Int]) {
            var entries: [[UInt8]] = []
            var sizes: [Int] = []
            try BulkLoadIndexer.merge(a, b) { chunk in
                sizes.append(chunk.count)
                chunk.forEach { key, value in entries += [Array(key), Array(value)] }
            }
            return (entries, sizes)
        }

        var expected: [[UInt8]] = []
        both.forEachInKeyOrder { key, value in expected += [Array(key), Array(value)] }
        try #require(expected.count / 2 > BulkLoadIndexer.entriesPerChunk)
        let result = try merged(chunks(first, perChunk: 1_000), chunks(second, perChunk: 777))
        #expect(result.entries == expected)
        // Handed over in full chunks but the last.
        #expect(result.sizes.dropLast().allSatisfy { $0 == BulkLoadIndexer.entriesPerChunk })
        // One side empty.
        var firstOnly: [[UInt8]] = []
        first.forEachInKeyOrder { key, value in firstOnly += [Array(key), Array(value)] }
        #expect(try merged([], chunks(first, perChunk: 500)).entries == firstOnly)
        #expect(try merged(chunks(first, perChunk: 500), []).entries == firstOnly)
    }
}
