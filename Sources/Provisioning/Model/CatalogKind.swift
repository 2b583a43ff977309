/// The kinds of catalog item a reseller or group can be given (guide 6-9).
public enum CatalogKind: String, Sendable, Hashable, CaseIterable, WireEnum {
    case products
    case bundles
    case roamingPolicies = "roaming-policies"
    case networkProfiles = "network-profiles"

    public static let wireOrder: [CatalogKind] = [.products, .bundles, .roamingPolicies, .networkProfiles]

    /// Products, bundles and roaming policies follow the parent unless set; network
    /// profiles never do (guide 9).
    public var isInheritable: Bool { self != .networkProfiles }

    /// "bundle", "roaming policy", ... for messages.
    public var singular: String {
        switch self {
        case .products: "product"
        case .bundles: "bundle"
        case .roamingPolicies: "roaming policy"
        case .networkProfiles: "network profile"
        }
    }

    /// The prefix of the tag naming one item of this kind (`bundle:BUN-UKN-MX2G`).
    public var tagPrefix: String {
        switch self {
        case .products: "product"
        case .bundles: "bundle"
        case .roamingPolicies: "roaming-policy"
        case .networkProfiles: "network-profile"
        }
    }

    /// The CLI command that assigns this kind (`bundles assign`).
    public var assignCommand: String { "\(rawValue) assign" }
}

/// The kinds of item a level can hold a default of: one default bundle and one
/// default network profile per reseller and group, one default roaming policy per group.
public enum DefaultKind: String, Sendable, Hashable, CaseIterable, WireEnum {
    case bundle
    case networkProfile = "network-profile"
    case roamingPolicy = "roaming-policy"

    public static let wireOrder: [DefaultKind] = [.bundle, .networkProfile, .roamingPolicy]

    public var catalogKind: CatalogKind {
        switch self {
        case .bundle: .bundles
        case .networkProfile: .networkProfiles
        case .roamingPolicy: .roamingPolicies
        }
    }
}
