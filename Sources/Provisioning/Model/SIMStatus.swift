/// Where a SIM is in its life (guide 11, domain "SIM inventory").
public enum SIMStatus: String, Sendable, Hashable, CaseIterable, WireEnum {
    case bookin = "BOOKIN"
    case reserved = "RESERVED"
    case allocated = "ALLOCATED"
    case active = "ACTIVE"
    case retired = "RETIRED"

    public static let wireOrder: [SIMStatus] = [.bookin, .reserved, .allocated, .active, .retired]
}
