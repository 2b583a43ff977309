import LMDB

extension Environment {
    /// Every entry of `database` in key order, key and value joined by 0xFF: what two
    /// tables are compared by.
    func entries(of database: Database) throws -> [[UInt8]] {
        try read { txn in
            var all: [[UInt8]] = []
            try txn.forEach(database) { key, value in
                all.append(Array(key) + [0xFF] + Array(value))
                return true
            }
            return all
        }
    }
}
