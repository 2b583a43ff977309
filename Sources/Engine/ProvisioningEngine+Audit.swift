public import EventLog
public import Provisioning
import LMDB

/// One row of an audit: the event, and for a SIM or a number, the item as it was
/// just before and just after it (status and holder), folded from its own history.
public struct AuditRow: Sendable {
    public var record: EventRecord
    public var event: ProvisioningEvent
    public var simBefore: SIMRecord?
    public var simAfter: SIMRecord?
    public var numberBefore: NumberRecord?
    public var numberAfter: NumberRecord?
}

/// What an audit is about, and the tag that indexes it.
public enum AuditSubject: Sendable, Hashable {
    case sim(ICCID)
    case number(PhoneNumber)
    case subscriber(SubUID)
    case group(Name)
    case reseller(Name)
    /// The changes a user made (the `actor:` tag the Engine adds to every event).
    case user(Username)

    public var tag: String {
        switch self {
        case .sim(let iccid): Tag.sim(iccid)
        case .number(let number): Tag.number(number)
        case .subscriber(let subUID): Tag.subscriber(subUID)
        case .group(let name): Tag.group(name)
        case .reseller(let name): Tag.reseller(name)
        case .user(let username): "actor:\(username.rawValue)"
        }
    }
}

extension ProvisioningEngine {
    /// Every event that touched `subject`, read from its tag index, kept when
    /// recorded within `since...until` (UTC ms, inclusive).
    @available(*, noasync)
    public func audit(_ subject: AuditSubject, since: Int64? = nil, until: Int64? = nil) throws -> [AuditRow] {
        var rows: [AuditRow] = []
        try audit(subject, since: since, until: until) { rows.append($0) }
        return rows
    }

    /// Rows an audit reads in one read transaction: `body` is called between them,
    /// so a slow reader of the output never holds a transaction open for long.
    static let auditPage = 4_096

    /// The same rows handed to `body` one by one, in log order, without holding them
    /// all: an item's history may be millions of events (a user's bulk changes, a
    /// reseller's SIMs). The item's positions are read once (up to `through`, when
    /// given); their records, which never change, are read a page at a time, and a
    /// SIM's or number's state before and after each is carried across pages.
    /// Returns the last position of the item's history read, whatever `since` and
    /// `until` kept (0: no event ever touched the item).
    @available(*, noasync)
    @discardableResult
    public func audit(
        _ subject: AuditSubject, since: Int64? = nil, until: Int64? = nil, through: UInt64? = nil,
        _ body: (AuditRow) throws -> Void
    ) throws -> UInt64 {
        var positions = try log.environment.read { txn in try log.positions(tag: subject.tag, in: txn) }
        if let through, let cut = positions.firstIndex(where: { $0 > through }) { positions.removeSubrange(cut...) }
        var state = InMemoryState()
        var page: [AuditRow] = []
        page.reserveCapacity(min(positions.count, Self.auditPage))
        for start in stride(from: 0, to: positions.count, by: Self.auditPage) {
            page.removeAll(keepingCapacity: true)
            try log.environment.read { txn in
                for position in positions[start..<min(start + Self.auditPage, positions.count)] {
                    guard let record = try log.record(at: position, in: txn) else {
                        throw EventLogError.corruptRecord(position: position, "the tag index names it but it is missing")
                    }
                    let event = try ProvisioningEvent(record)
                    var row = AuditRow(record: record, event: event)
                    switch subject {
                    case .sim(let iccid):
                        row.simBefore = state.sim(iccid)
                        evolve(event, into: &state)
                        row.simAfter = state.sim(iccid)
                    case .number(let number):
                        row.numberBefore = state.number(number)
                        evolve(event, into: &state)
                        row.numberAfter = state.number(number)
                    default:
                        break
                    }
                    if let since, record.recordedAt < since { continue }
                    if let until, record.recordedAt > until { continue }
                    page.append(row)
                }
            }
            for row in page { try body(row) }
        }
        return positions.last ?? 0
    }
}
