public import LMDB

/// Every key and value of the named databases, in one read transaction: for
/// byte-for-byte comparisons of stores.
public func dumpDatabases(_ environment: Environment, _ names: [String]) throws -> [String: [[UInt8]]] {
    try environment.read { txn in
        var all: [String: [[UInt8]]] = [:]
        for name in names {
            var entries: [[UInt8]] = []
            try txn.forEach(environment.database(name)) { key, value in
                entries.append([UInt8](key))
                entries.append([UInt8](value))
                return true
            }
            all[name] = entries
        }
        return all
    }
}
