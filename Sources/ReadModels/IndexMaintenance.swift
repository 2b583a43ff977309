import Provisioning

/// Where a record's index entries and counter changes go: the tables of a change
/// (`ReadModelStore` puts and deletes `rm.index` entries and sums counter deltas for
/// `finish`), or a bulk load's buffers (`BulkLoadIndexes`, filled on the thread that
/// encodes the records). Which entries and counters a record has is written once,
/// here, for both.
protocol IndexMaintenance {
    /// Puts (`present`) or removes the `rm.index` entry `key`.
    mutating func setIndex(_ key: [UInt8], _ value: [UInt8], present: Bool) throws(ReadModelError)
    /// Adds `delta` to a counter.
    mutating func bump(_ counter: CounterKey, _ delta: Int64)
    /// Whether it keeps the entries of the index whose keys begin with `index` (a
    /// bulk load's thread keeps some). Asked before a SIM's or a number's index keys
    /// are built, the most of them: those of the others are built, then dropped by
    /// `setIndex`.
    func wants(_ index: UInt8) -> Bool
}

/// A counter of `rm.counts` that a record's change moves, named (`Counter`) only
/// when it is written: a bulk load sums millions of moves without a name built for each.
enum CounterKey: Hashable, Sendable {
    case sims(SIMStatus)
    case simsOfReseller(SIMStatus, Name)
    case simsOfGroup(SIMStatus, Name)
    case numbersOfReseller(Name)
    case subscribers(SubscriberStatus)
    case subscribersOfReseller(SubscriberStatus, Name)
    case subscribersOfGroup(SubscriberStatus, Name)
    /// Events of one wire name (the `stats` figures by event type).
    case events(type: String)

    var name: String {
        switch self {
        case .events(let type): Counter.events(type: type)
        case .sims(let status): Counter.sims(status)
        case .simsOfReseller(let status, let reseller): Counter.sims(status, reseller: reseller)
        case .simsOfGroup(let status, let group): Counter.sims(status, group: group)
        case .numbersOfReseller(let reseller): Counter.numbers(reseller: reseller)
        case .subscribers(let status): Counter.subscribers(status)
        case .subscribersOfReseller(let status, let reseller): Counter.subscribers(status, reseller: reseller)
        case .subscribersOfGroup(let status, let group): Counter.subscribers(status, group: group)
        }
    }
}

extension IndexMaintenance {
    func wants(_ index: UInt8) -> Bool { true }

    mutating func setIndex(_ key: [UInt8], present: Bool) throws(ReadModelError) {
        try setIndex(key, [], present: present)
    }

    /// A group is listed under its reseller.
    mutating func updateGroupIndexes(from old: GroupRecord?, to record: GroupRecord) throws(ReadModelError) {
        if let old, old.reseller != record.reseller {
            try setIndex(IndexKey.groupOfReseller(old.reseller, old.name), present: false)
        }
        if old?.reseller != record.reseller {
            try setIndex(IndexKey.groupOfReseller(record.reseller, record.name), present: true)
        }
    }

    mutating func updateSIMIndexes(from old: SIMRecord?, to record: SIMRecord) throws(ReadModelError) {
        let iccid = record.iccid
        if wants(IndexKey.imsiIndex) && old?.imsi != record.imsi {
            if let imsi = old?.imsi { try setIndex(IndexKey.imsi(imsi), present: false) }
            if let imsi = record.imsi { try setIndex(IndexKey.imsi(imsi), Array(iccid.rawValue.utf8), present: true) }
        }
        if wants(IndexKey.poolIndex) && old?.availabilityPool != record.availabilityPool {
            if let pool = old?.availabilityPool { try setIndex(IndexKey.pool(pool, iccid), present: false) }
            if let pool = record.availabilityPool { try setIndex(IndexKey.pool(pool, iccid), present: true) }
        }
        if old?.status != record.status {
            if let old {
                if wants(IndexKey.simsByStatusIndex) { try setIndex(IndexKey.simsByStatus(old.status, iccid), present: false) }
                bump(.sims(old.status), -1)
            }
            if wants(IndexKey.simsByStatusIndex) { try setIndex(IndexKey.simsByStatus(record.status, iccid), present: true) }
            bump(.sims(record.status), 1)
        }
        if wants(IndexKey.simsOfResellerIndex) && old?.reseller != record.reseller {
            if let reseller = old?.reseller { try setIndex(IndexKey.simsOfReseller(reseller, iccid), present: false) }
            if let reseller = record.reseller { try setIndex(IndexKey.simsOfReseller(reseller, iccid), present: true) }
        }
        if wants(IndexKey.simsOfGroupIndex) && old?.group != record.group {
            if let group = old?.group { try setIndex(IndexKey.simsOfGroup(group, iccid), present: false) }
            if let group = record.group { try setIndex(IndexKey.simsOfGroup(group, iccid), present: true) }
        }
        if old?.status != record.status || old?.reseller != record.reseller {
            if let old, let reseller = old.reseller { bump(.simsOfReseller(old.status, reseller), -1) }
            if let reseller = record.reseller { bump(.simsOfReseller(record.status, reseller), 1) }
        }
        if old?.status != record.status || old?.group != record.group {
            if let old, let group = old.group { bump(.simsOfGroup(old.status, group), -1) }
            if let group = record.group { bump(.simsOfGroup(record.status, group), 1) }
        }
    }

    mutating func updateNumberIndexes(from old: NumberRecord?, to record: NumberRecord) throws(ReadModelError) {
        if old?.reseller != record.reseller {
            let indexed = wants(IndexKey.numbersOfResellerIndex)
            if let reseller = old?.reseller {
                if indexed { try setIndex(IndexKey.numbersOfReseller(reseller, record.number), present: false) }
                bump(.numbersOfReseller(reseller), -1)
            }
            if indexed { try setIndex(IndexKey.numbersOfReseller(record.reseller, record.number), present: true) }
            bump(.numbersOfReseller(record.reseller), 1)
        }
    }

    mutating func updateSubscriberIndexes(from old: SubscriberRecord?, to record: SubscriberRecord)
        throws(ReadModelError)
    {
        let subUID = Array(record.subUID.rawValue.utf8)
        if old?.group != record.group || old?.name != record.name {
            if let old { try setIndex(IndexKey.subscriberName(old.group, old.name), present: false) }
            try setIndex(IndexKey.subscriberName(record.group, record.name), subUID, present: true)
        }
        if old?.group != record.group {
            if let old { try setIndex(IndexKey.subscribersOfGroup(old.group, record.subUID), present: false) }
            try setIndex(IndexKey.subscribersOfGroup(record.group, record.subUID), present: true)
        }
        if old?.reseller != record.reseller {
            if let old { try setIndex(IndexKey.subscribersOfReseller(old.reseller, record.subUID), present: false) }
            try setIndex(IndexKey.subscribersOfReseller(record.reseller, record.subUID), present: true)
        }
        if old?.status != record.status || old?.group != record.group {
            if let old {
                bump(.subscribers(old.status), -1)
                bump(.subscribersOfReseller(old.status, old.reseller), -1)
                bump(.subscribersOfGroup(old.status, old.group), -1)
            }
            bump(.subscribers(record.status), 1)
            bump(.subscribersOfReseller(record.status, record.reseller), 1)
            bump(.subscribersOfGroup(record.status, record.group), 1)
        }
    }
}
