/// Kinds of records a read of the past may need alone: the three inventories
/// that grow to millions. A listing of one of them folds only these records
/// (`PartialState`) instead of the whole state.
public struct RecordKinds: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    public static let sims = RecordKinds(rawValue: 1 << 0)
    public static let numbers = RecordKinds(rawValue: 1 << 1)
    public static let subscribers = RecordKinds(rawValue: 1 << 2)

    /// The wire names of the events whose `evolve` writes records of these kinds,
    /// reading only records of the same kind (so a state holding only these kinds
    /// evolves them exactly as the whole state does). Every other event type
    /// leaves them as they are, which `PartialStateTests` checks against the full
    /// fold.
    public var eventWireNames: [String] {
        var names: [String] = []
        if contains(.sims) {
            names += [
                SIMBookedIn.wireName, SIMReserved.wireName, SIMAllocated.wireName, SIMUnallocated.wireName,
                SIMUnreserved.wireName, SIMActivated.wireName, SIMRetired.wireName,
            ]
        }
        if contains(.numbers) {
            names += [
                NumberImported.wireName, NumberAssigned.wireName, NumberQuarantined.wireName, NumberReleased.wireName,
            ]
        }
        if contains(.subscribers) {
            names += [
                SubscriberProvisioned.wireName, SubscriberFeaturesChanged.wireName, SubscriberBundleChanged.wireName,
                SubscriberRoamingPolicyChanged.wireName, SubscriberTerminated.wireName,
            ]
        }
        return names
    }
}
