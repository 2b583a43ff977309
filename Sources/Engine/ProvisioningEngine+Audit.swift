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
    /// Every event that touched `subject`, read from its tag index in one snapshot,
    /// kept when recorded within `since...until` (UTC ms, inclusive).
    @available(*, noasync)
    public func audit(_ subject: AuditSubject, since: Int64? = nil, until: Int64? = nil) throws -> [AuditRow] {
        try log.environment.read { txn in
            var state = InMemoryState()
            var rows: [AuditRow] = []
            for position in try log.positions(tag: subject.tag, in: txn) {
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
                rows.append(row)
            }
            return rows
        }
    }
}

extension ProvisioningEngine {
    /// Whether any event ever touched `subject` (an audit's empty answer means
    /// "nothing in that window" only for an item the log knows).
    @available(*, noasync)
    public func logKnows(_ subject: AuditSubject) throws -> Bool {
        try log.environment.read { txn in try !log.positions(tag: subject.tag, in: txn).isEmpty }
    }
}
