/// A plastic SIM card or an eSIM profile.
public enum SIMForm: String, Sendable, Hashable, CaseIterable, WireEnum {
    case physical
    case esim

    public static let wireOrder: [SIMForm] = [.physical, .esim]

    /// "eSIM" or "physical SIM", for messages.
    public var spoken: String { self == .esim ? "eSIM" : "physical SIM" }
}
