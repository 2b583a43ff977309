import LMDB
import Testing
import TestSupport

/// A read cursor's walk from a key (`seek(atLeast:)`): at the key, at the next one
/// after a key that is absent, nowhere past the last; `next` goes on from there.
@Suite struct ReadCursorTests {
    @Test func seekFindsTheFirstKeyAtOrAfterAndNextGoesOn() throws {
        let directory = TemporaryDirectory("lmdb")
        let env = try Environment(path: directory.path, databases: ["keys"])
        let keys = env.database("keys")
        try env.write { txn in
            for key in ["A1", "A2", "P", "P1", "S9"] { try txn.put(keys, Array(key.utf8), Array("v\(key)".utf8)) }
        }
        func walk(from key: String) throws -> [String] {
            try env.read { txn in
                try txn.withReadCursor(keys) { cursor in
                    var found: [String] = []
                    var more = try cursor.seek(atLeast: Array(key.utf8))
                    while more {
                        found.append(String(decoding: cursor.key, as: UTF8.self) + "=" + String(decoding: cursor.value, as: UTF8.self))
                        more = try cursor.next()
                    }
                    return found
                }
            }
        }
        #expect(try walk(from: "P") == ["P=vP", "P1=vP1", "S9=vS9"])
        #expect(try walk(from: "B") == ["P=vP", "P1=vP1", "S9=vS9"])
        #expect(try walk(from: "A") == ["A1=vA1", "A2=vA2", "P=vP", "P1=vP1", "S9=vS9"])
        #expect(try walk(from: "S9") == ["S9=vS9"])
        #expect(try walk(from: "T").isEmpty)
    }
}
