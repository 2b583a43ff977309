public import Provisioning

/// Keys of the `rm.index` database: a one-letter index name, then the fields
/// separated by NUL (names and codes never contain NUL). The letter keeps all
/// entries of one index adjacent, so each query is one range scan.
enum IndexKey {
    static let separator: UInt8 = 0

    /// ICCIDs and numbers sort as the domain compares them (shorter first, then by
    /// digits): a length byte before the digits makes LMDB's byte order the same.
    static func sortKey(digits: String) -> [UInt8] {
        let utf8 = digits.utf8
        var key: [UInt8] = []
        key.reserveCapacity(1 + utf8.count)
        key.append(UInt8(truncatingIfNeeded: utf8.count))
        key.append(contentsOf: utf8)
        return key
    }

    /// `sortKey(digits:)` appended to `key` (no array of its own).
    static func appendSortKey(digits: String, to key: inout [UInt8]) {
        key.append(UInt8(truncatingIfNeeded: digits.utf8.count))
        appendUTF8(of: digits, to: &key)
    }

    /// A string's UTF-8 appended, read in place: `append(contentsOf: string.utf8)` took
    /// the generic path, a tenth of the time a book-in's prepared runs took.
    static func appendUTF8(of string: String, to key: inout [UInt8]) {
        if string.utf8.withContiguousStorageIfAvailable({ key.append(contentsOf: $0) }) == nil {
            key.append(contentsOf: string.utf8)
        }
    }

    /// `sortKey(digits:)` lent from the stack, without an array: `decide` looks up
    /// each of a book-in's million ICCIDs. (At most 32 digits; longer ones, which no
    /// validated value has, get an array.)
    static func withSortKey<R>(digits: String, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        var key: (UInt64, UInt64, UInt64, UInt64, UInt8) = (0, 0, 0, 0, 0)
        let count = digits.utf8.count
        guard count <= 32 else { return try sortKey(digits: digits).withUnsafeBytes(body) }
        return try withUnsafeMutableBytes(of: &key) { bytes in
            bytes[0] = UInt8(truncatingIfNeeded: count)
            _ = UnsafeMutableRawBufferPointer(rebasing: bytes[1...]).copyBytes(from: digits.utf8)
            return try body(UnsafeRawBufferPointer(rebasing: bytes[..<(1 + count)]))
        }
    }

    static func digits(fromSortKey key: some Collection<UInt8>) -> String {
        String(decoding: key.dropFirst(), as: UTF8.self)
    }

    static func make(_ index: Character, _ fields: [String], tail: [UInt8] = []) -> [UInt8] {
        var key = start(index, fields, extra: tail.count)
        key.append(contentsOf: tail)
        return key
    }

    /// One field and an ICCID's or number's sort key as the tail (the SIM and number
    /// indexes), built in one array.
    static func make(_ index: UInt8, _ field: String, sortKeyOf digits: String?) -> [UInt8] {
        var key: [UInt8] = []
        key.reserveCapacity(3 + field.utf8.count + (digits?.utf8.count ?? 0))
        key.append(index)
        appendUTF8(of: field, to: &key)
        key.append(separator)
        if let digits { appendSortKey(digits: digits, to: &key) }
        return key
    }

    private static func start(_ index: Character, _ fields: [String], extra: Int) -> [UInt8] {
        var capacity = index.utf8.count + extra
        for field in fields { capacity += field.utf8.count + 1 }
        var key: [UInt8] = []
        key.reserveCapacity(capacity)
        key.append(contentsOf: index.utf8)
        for field in fields {
            appendUTF8(of: field, to: &key)
            key.append(separator)
        }
        return key
    }

    // Groups of a reseller: G reseller \0 group
    static func groupOfReseller(_ reseller: Name, _ group: Name? = nil) -> [UInt8] {
        make("G", [reseller.rawValue], tail: group.map { Array($0.rawValue.utf8) } ?? [])
    }

    /// The first byte of the keys of each index of a SIM (`IndexMaintenance.wants`).
    static let imsiIndex = UInt8(ascii: "I")
    static let poolIndex = UInt8(ascii: "P")
    static let simsByStatusIndex = UInt8(ascii: "S")
    static let simsOfResellerIndex = UInt8(ascii: "R")
    static let simsOfGroupIndex = UInt8(ascii: "A")
    /// The first byte of a number's index keys.
    static let numbersOfResellerIndex = UInt8(ascii: "U")

    // The SIM holding an IMSI: I imsi -> ICCID
    static func imsi(_ imsi: IMSI) -> [UInt8] { make(imsiIndex, imsi.rawValue, sortKeyOf: nil) }

    // Available SIMs of a pool: P g|r name \0 form \0 ICCID sort key
    static func pool(_ pool: SIMPool, _ iccid: ICCID? = nil) -> [UInt8] {
        let (holder, name): (UInt8, String) =
            switch pool.holder {
            case .group(let name): (UInt8(ascii: "g"), name.rawValue)
            case .reseller(let name): (UInt8(ascii: "r"), name.rawValue)
            }
        let form = pool.form.rawValue
        var key: [UInt8] = []
        key.reserveCapacity(5 + name.utf8.count + form.utf8.count + (iccid?.rawValue.utf8.count ?? 0))
        key.append(poolIndex)
        key.append(holder)
        key.append(contentsOf: name.utf8)
        key.append(separator)
        key.append(contentsOf: form.utf8)
        key.append(separator)
        if let iccid { appendSortKey(digits: iccid.rawValue, to: &key) }
        return key
    }

    // A group's subscriber by name: N group \0 name -> SubUID
    static func subscriberName(_ group: Name, _ name: Name) -> [UInt8] { make("N", [group.rawValue, name.rawValue]) }

    // SIMs by status / reseller / group: S|R|A field \0 ICCID sort key
    static func simsByStatus(_ status: SIMStatus, _ iccid: ICCID? = nil) -> [UInt8] {
        make(simsByStatusIndex, status.rawValue, sortKeyOf: iccid?.rawValue)
    }

    static func simsOfReseller(_ reseller: Name, _ iccid: ICCID? = nil) -> [UInt8] {
        make(simsOfResellerIndex, reseller.rawValue, sortKeyOf: iccid?.rawValue)
    }

    static func simsOfGroup(_ group: Name, _ iccid: ICCID? = nil) -> [UInt8] {
        make(simsOfGroupIndex, group.rawValue, sortKeyOf: iccid?.rawValue)
    }

    // Numbers of a reseller: U reseller \0 number sort key
    static func numbersOfReseller(_ reseller: Name, _ number: PhoneNumber? = nil) -> [UInt8] {
        make(numbersOfResellerIndex, reseller.rawValue, sortKeyOf: number?.rawValue)
    }

    // Subscribers of a group / reseller: B group \0 SubUID, C reseller \0 SubUID
    static func subscribersOfGroup(_ group: Name, _ subUID: SubUID? = nil) -> [UInt8] {
        make("B", [group.rawValue], tail: subUID.map { Array($0.rawValue.utf8) } ?? [])
    }

    static func subscribersOfReseller(_ reseller: Name, _ subUID: SubUID? = nil) -> [UInt8] {
        make("C", [reseller.rawValue], tail: subUID.map { Array($0.rawValue.utf8) } ?? [])
    }
}

/// Names of the counters in `rm.counts`, per status: kept in step by the store so
/// that `stats` and the reseller and group views count without scanning.
public enum Counter {
    public static func events(type: String) -> String { "events:\(type)" }
    public static func sims(_ status: SIMStatus) -> String { "sims:\(status.rawValue)" }
    public static func sims(_ status: SIMStatus, reseller: Name) -> String { "reseller:\(reseller.rawValue):sims:\(status.rawValue)" }
    public static func sims(_ status: SIMStatus, group: Name) -> String { "group:\(group.rawValue):sims:\(status.rawValue)" }
    public static func numbers(reseller: Name) -> String { "reseller:\(reseller.rawValue):numbers" }
    public static func subscribers(_ status: SubscriberStatus) -> String { "subscribers:\(status.rawValue)" }
    public static func subscribers(_ status: SubscriberStatus, reseller: Name) -> String {
        "reseller:\(reseller.rawValue):subscribers:\(status.rawValue)"
    }
    public static func subscribers(_ status: SubscriberStatus, group: Name) -> String {
        "group:\(group.rawValue):subscribers:\(status.rawValue)"
    }
}
