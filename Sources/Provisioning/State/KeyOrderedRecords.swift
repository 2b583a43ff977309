/// Records of one kind kept in the order of their stored keys, as a snapshot's
/// section lists them (the key order of their `rm.*` table), so that loading a
/// million of them is appending to an array: no hashing, no dictionary to grow or
/// to free. A record is found by binary search; a record put again replaces it in
/// place; a record that was not loaded (booked in after the snapshot) goes to a
/// small dictionary beside them.
struct KeyOrderedRecords<Record: Sendable>: Sendable {
    /// The stored key's order: the keys' order, shorter first when `lengthFirst`
    /// (ICCIDs and numbers are stored under length ‖ digits).
    let key: @Sendable (Record) -> String
    let lengthFirst: Bool
    private(set) var loaded: [Record] = []
    /// The keys of `loaded`, apart: a search compares strings without copying a record.
    private var loadedKeys: [String] = []
    private var added: [String: Record] = [:]

    init(key: @escaping @Sendable (Record) -> String, lengthFirst: Bool) {
        self.key = key
        self.lengthFirst = lengthFirst
    }

    var count: Int { loaded.count + added.count }

    /// String's own `<` (a memcmp for ASCII keys, which all of these are); a
    /// section whose stored order differs is refused by `appendLoaded`, so the
    /// search is only ever run over keys sorted by this very order.
    func precedes(_ left: String, _ right: String) -> Bool {
        if lengthFirst, left.utf8.count != right.utf8.count { return left.utf8.count < right.utf8.count }
        return left < right
    }

    mutating func reserveCapacity(_ count: Int) {
        loaded.reserveCapacity(count)
        loadedKeys.reserveCapacity(count)
    }

    /// Appends a loaded record; false when its key does not come after the last
    /// one's (the section is not in key order, so it cannot be searched).
    mutating func appendLoaded(_ record: Record) -> Bool {
        let recordKey = key(record)
        if let last = loadedKeys.last, !precedes(last, recordKey) { return false }
        loaded.append(record)
        loadedKeys.append(recordKey)
        return true
    }

    private func index(of wanted: String) -> Int? {
        var low = 0
        var high = loadedKeys.count
        return loadedKeys.withUnsafeBufferPointer { keys in
            while low < high {
                let middle = (low + high) / 2
                if keys[middle] == wanted { return middle }
                if precedes(keys[middle], wanted) { low = middle + 1 } else { high = middle }
            }
            return nil
        }
    }

    subscript(key wanted: String) -> Record? {
        if let index = index(of: wanted) { return loaded[index] }
        return added[wanted]
    }

    mutating func put(_ record: Record) {
        let recordKey = key(record)
        if let index = index(of: recordKey) {
            loaded[index] = record
        } else {
            added[recordKey] = record
        }
    }

    /// Changes the record of `wanted` in place, if there is one (one search, no
    /// copy); `change` keeps its key.
    mutating func modify(_ wanted: String, _ change: (inout Record) -> Void) {
        if let index = index(of: wanted) {
            change(&loaded[index])
        } else if added[wanted] != nil {
            change(&added[wanted]!)
        }
    }

    /// The records `isIncluded` keeps, sorted by `areInIncreasingOrder` (sorted
    /// only when they are not already: loaded records usually are).
    func filter(_ isIncluded: (Record) -> Bool, sortedBy areInIncreasingOrder: (Record, Record) -> Bool) -> [Record] {
        var kept = loaded.filter(isIncluded)
        kept.append(contentsOf: added.values.filter(isIncluded))
        let sorted = zip(kept, kept.dropFirst()).allSatisfy { !areInIncreasingOrder($1, $0) }
        if !sorted { kept.sort(by: areInIncreasingOrder) }
        return kept
    }
}
