/// The stored status of a number. A QUARANTINED number whose date has passed is
/// AVAILABLE at read time: see `NumberRecord.status(at:)`.
public enum NumberStatus: String, Sendable, Hashable, CaseIterable, WireEnum {
    case available = "AVAILABLE"
    case assigned = "ASSIGNED"
    case quarantined = "QUARANTINED"

    public static let wireOrder: [NumberStatus] = [.available, .assigned, .quarantined]
}
