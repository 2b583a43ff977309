/// The Control Panel roles of guide 10. The raw values are the CLI's `--role`
/// names and what the log records as the actor's role.
public enum Role: String, Sendable, Hashable, CaseIterable, WireEnum {
    case distributor
    case reseller
    case resellerDowngraded = "reseller-downgraded"
    case resellerSubsViewOnly = "reseller-subs-view-only"
    case multiCustomer = "multi-customer"
    case customer

    public static let wireOrder: [Role] = [
        .distributor, .reseller, .resellerDowngraded, .resellerSubsViewOnly, .multiCustomer, .customer,
    ]

    /// The roles bound to one reseller (the user record names it).
    public var isResellerBound: Bool {
        self == .reseller || self == .resellerDowngraded || self == .resellerSubsViewOnly
    }

    /// The roles bound to groups (one for a customer, one or more for multi-customer).
    public var isGroupBound: Bool { self == .multiCustomer || self == .customer }
}
