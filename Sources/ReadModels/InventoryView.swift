public import Provisioning

/// Which SIMs a listing wants; nil fields do not filter.
public struct SIMFilter: Sendable, Hashable {
    public var status: SIMStatus?
    public var reseller: Name?
    public var group: Name?

    public init(status: SIMStatus? = nil, reseller: Name? = nil, group: Name? = nil) {
        self.status = status
        self.reseller = reseller
        self.group = group
    }

    public func matches(_ sim: SIMRecord) -> Bool {
        (status == nil || sim.status == status) && (reseller == nil || sim.reseller == reseller)
            && (group == nil || sim.group == group)
    }
}

public struct SubscriberFilter: Sendable, Hashable {
    public var status: SubscriberStatus?
    public var reseller: Name?
    public var group: Name?

    public init(status: SubscriberStatus? = nil, reseller: Name? = nil, group: Name? = nil) {
        self.status = status
        self.reseller = reseller
        self.group = group
    }

    public func matches(_ subscriber: SubscriberRecord) -> Bool {
        (status == nil || subscriber.status == status) && (reseller == nil || subscriber.reseller == reseller)
            && (group == nil || subscriber.group == group)
    }
}

/// The listings the read commands show, over the live LMDB read models or over an
/// in-memory state rebuilt at a past position: the commands are written once.
/// Every listing is sorted by its key (ICCID, number, name, SubUID).
public protocol InventoryView: StateReader {
    func users() throws -> [UserRecord]
    func resellers() throws -> [ResellerRecord]
    func groups(ofReseller reseller: Name?) throws -> [GroupRecord]
    func sims(_ filter: SIMFilter) throws -> [SIMRecord]
    /// Numbers of one reseller or all; the status filter is applied by the caller
    /// at the time asked for (a quarantine ends by itself).
    func numbers(ofReseller reseller: Name?) throws -> [NumberRecord]
    func subscribers(_ filter: SubscriberFilter) throws -> [SubscriberRecord]
    func pbxs() throws -> [PBXRecord]
}

extension InMemoryState: InventoryView {
    public func users() -> [UserRecord] { allUsers }
    public func resellers() -> [ResellerRecord] { allResellers }

    public func groups(ofReseller reseller: Name?) -> [GroupRecord] {
        allGroups.filter { reseller == nil || $0.reseller == reseller }
    }

    public func sims(_ filter: SIMFilter) -> [SIMRecord] { sims(where: filter.matches) }

    public func numbers(ofReseller reseller: Name?) -> [NumberRecord] {
        allNumbers.filter { reseller == nil || $0.reseller == reseller }
    }

    public func subscribers(_ filter: SubscriberFilter) -> [SubscriberRecord] {
        subscribers(where: filter.matches)
    }

    public func pbxs() -> [PBXRecord] {
        allPBXs
    }
}

/// A past listing of SIMs, numbers or subscribers reads a `PartialState` holding
/// those kinds alone; it holds no users, resellers, groups or PBXs.
extension PartialState: InventoryView {
    public func users() -> [UserRecord] { [] }
    public func resellers() -> [ResellerRecord] { [] }
    public func groups(ofReseller reseller: Name?) -> [GroupRecord] { [] }
    public func sims(_ filter: SIMFilter) -> [SIMRecord] { sims(where: filter.matches) }

    public func numbers(ofReseller reseller: Name?) -> [NumberRecord] {
        numbers(where: { reseller == nil || $0.reseller == reseller })
    }

    public func subscribers(_ filter: SubscriberFilter) -> [SubscriberRecord] {
        subscribers(where: filter.matches)
    }

    public func pbxs() -> [PBXRecord] { [] }
}
