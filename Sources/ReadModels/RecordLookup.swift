public import Provisioning

/// The SIM, number or subscriber record an event changes in place (what `evolve`
/// looks up first), by its inline key: made where the record is decoded (on the
/// decoding thread of a rebuild, where the event's strings are still in the cache),
/// so that the fold can ask memory for the record a few events ahead
/// (`ReplayState.prefetch`) without touching a string of its own.
public struct RecordLookup: Sendable {
    enum Table: UInt8, Sendable {
        case sims, numbers, subscribers
    }

    let table: Table
    let word0: UInt64
    let word1: UInt64
    let word2: UInt64

    /// None for an event that adds a record or changes no large table, or a key too long to be inline.
    public init?(changedBy event: ProvisioningEvent) {
        let table: Table
        let key: String
        switch event {
        case .simReserved(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .simAllocated(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .simUnallocated(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .simUnreserved(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .simActivated(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .simRetired(let event): (table, key) = (.sims, event.iccid.rawValue)
        case .numberAssigned(let event): (table, key) = (.numbers, event.number.rawValue)
        case .numberQuarantined(let event): (table, key) = (.numbers, event.number.rawValue)
        case .numberReleased(let event): (table, key) = (.numbers, event.number.rawValue)
        case .subscriberFeaturesChanged(let event): (table, key) = (.subscribers, event.subUID.rawValue)
        case .subscriberBundleChanged(let event): (table, key) = (.subscribers, event.subUID.rawValue)
        case .subscriberRoamingPolicyChanged(let event): (table, key) = (.subscribers, event.subUID.rawValue)
        case .subscriberTerminated(let event): (table, key) = (.subscribers, event.subUID.rawValue)
        default: return nil
        }
        guard case .inline(let word0, let word1, let word2) = PackedKey(key) else { return nil }
        self.table = table
        self.word0 = word0
        self.word1 = word1
        self.word2 = word2
    }
}
