import Foundation
import LMDB
import Testing
import TestSupport

/// Writes through one cursor a database (`PutCursors`) leave what the transaction's
/// own `put` and `delete` leave.
@Suite struct PutCursorsTests {
    /// 20,000 puts, re-puts and deletes (of present and missing keys), ascending runs
    /// and jumps, into two databases in turn.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func cursorsWriteWhatPutsWrite(seed: UInt64) throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["a", "b", "plain-a", "plain-b"])
        let (a, b) = (env.database("a"), env.database("b"))
        let (plainA, plainB) = (env.database("plain-a"), env.database("plain-b"))
        var random = SplitMix64(seed: seed)
        try env.write { txn in
            let cursors = PutCursors(txn.reference)
            var next = 0
            for _ in 0..<20_000 {
                // Mostly the next key up (a book-in), sometimes anywhere.
                next = Int.random(in: 0..<10, using: &random) < 8 ? next + 1 : Int.random(in: 0..<5_000, using: &random)
                let key = Array(String(format: "k%06d", next).utf8)
                let value = Array(repeating: UInt8.random(in: 0...255, using: &random), count: Int.random(in: 0..<300, using: &random))
                let (cursorSide, plainSide) = Bool.random(using: &random) ? (a, plainA) : (b, plainB)
                if Int.random(in: 0..<5, using: &random) == 0 {
                    let removed = try cursors.delete(cursorSide, key)
                    #expect(removed == (try txn.delete(plainSide, key)))
                } else {
                    try cursors.put(cursorSide, key, value)
                    try txn.put(plainSide, key, value)
                }
            }
            try cursors.put(a, Array("k000001".utf8), [7])
            #expect(throws: LMDBError.keyExists) { try cursors.put(a, Array("k000001".utf8), [8], flags: .noOverwrite) }
            try txn.put(plainA, Array("k000001".utf8), [7])
        }
        #expect(try env.entries(of: a) == (try env.entries(of: plainA)))
        #expect(try env.entries(of: b) == (try env.entries(of: plainB)))
        #expect(try env.entries(of: a).count > 1_000)
    }
}
