public import Provisioning

/// Keys of the `rm.index` database: a one-letter index name, then the fields
/// separated by NUL (names and codes never contain NUL). The letter keeps all
/// entries of one index adjacent, so each query is one range scan.
enum IndexKey {
    static let separator: UInt8 = 0

    /// ICCIDs and numbers sort as the domain compares them (shorter first, then by
    /// digits): a length byte before the digits makes LMDB's byte order the same.
    static func sortKey(digits: String) -> [UInt8] {
        [UInt8(truncatingIfNeeded: digits.utf8.count)] + Array(digits.utf8)
    }

    static func digits(fromSortKey key: some Collection<UInt8>) -> String {
        String(decoding: key.dropFirst(), as: UTF8.self)
    }

    static func make(_ index: Character, _ fields: [String], tail: [UInt8] = []) -> [UInt8] {
        var key = Array(String(index).utf8)
        for field in fields {
            key.append(contentsOf: field.utf8)
            key.append(separator)
        }
        key.append(contentsOf: tail)
        return key
    }

    // Groups of a reseller: G reseller \0 group
    static func groupOfReseller(_ reseller: Name, _ group: Name? = nil) -> [UInt8] {
        make("G", [reseller.rawValue], tail: group.map { Array($0.rawValue.utf8) } ?? [])
    }

    // The SIM holding an IMSI: I imsi -> ICCID
    static func imsi(_ imsi: IMSI) -> [UInt8] { make("I", [imsi.rawValue]) }

    // Available SIMs of a pool: P g|r name \0 form \0 ICCID sort key
    static func pool(_ pool: SIMPool, _ iccid: ICCID? = nil) -> [UInt8] {
        let holder: [String] =
            switch pool.holder {
            case .group(let name): ["g" + name.rawValue]
            case .reseller(let name): ["r" + name.rawValue]
            }
        return make("P", holder + [pool.form.rawValue], tail: iccid.map { sortKey(digits: $0.rawValue) } ?? [])
    }

    // A group's subscriber by name: N group \0 name -> SubUID
    static func subscriberName(_ group: Name, _ name: Name) -> [UInt8] { make("N", [group.rawValue, name.rawValue]) }

    // SIMs by status / reseller / group: S|R|A field \0 ICCID sort key
    static func simsByStatus(_ status: SIMStatus, _ iccid: ICCID? = nil) -> [UInt8] {
        make("S", [status.rawValue], tail: iccid.map { sortKey(digits: $0.rawValue) } ?? [])
    }

    static func simsOfReseller(_ reseller: Name, _ iccid: ICCID? = nil) -> [UInt8] {
        make("R", [reseller.rawValue], tail: iccid.map { sortKey(digits: $0.rawValue) } ?? [])
    }

    static func simsOfGroup(_ group: Name, _ iccid: ICCID? = nil) -> [UInt8] {
        make("A", [group.rawValue], tail: iccid.map { sortKey(digits: $0.rawValue) } ?? [])
    }

    // Numbers of a reseller: U reseller \0 number sort key
    static func numbersOfReseller(_ reseller: Name, _ number: PhoneNumber? = nil) -> [UInt8] {
        make("U", [reseller.rawValue], tail: number.map { sortKey(digits: $0.rawValue) } ?? [])
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
