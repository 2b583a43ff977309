/// Why a SIM left service for good. The first three are given by an operator
/// (`sims retire --why`); the last is recorded when its subscriber is terminated.
public enum SIMRetirementReason: String, Sendable, Hashable, CaseIterable, WireEnum {
    case lost
    case stolen
    case faulty
    case subscriberTerminated = "subscriber-terminated"

    public static let wireOrder: [SIMRetirementReason] = [.lost, .stolen, .faulty, .subscriberTerminated]
    /// The reasons an operator may give to `sims retire`.
    public static let operatorReasons: [SIMRetirementReason] = [.lost, .stolen, .faulty]
}
