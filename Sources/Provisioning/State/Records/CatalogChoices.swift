/// What one reseller or group holds of the catalog, and its defaults.
public struct CatalogChoices: Hashable, Sendable {
    public var products: CatalogSelection
    public var bundles: CatalogSelection
    public var roamingPolicies: CatalogSelection
    /// Never inherited: only what was assigned to this level.
    public var networkProfiles: [CatalogCode]
    public var defaultBundle: CatalogCode?
    public var defaultNetworkProfile: CatalogCode?
    /// Groups only (guide 8.1).
    public var defaultRoamingPolicy: CatalogCode?

    /// "Inherit configuration" on: follow the parent. Off: empty explicit sets.
    public init(inheritConfiguration: Bool) {
        let start: CatalogSelection = inheritConfiguration ? .inherit : .explicit([])
        products = start
        bundles = start
        roamingPolicies = start
        networkProfiles = []
    }

    public func selection(_ kind: CatalogKind) -> CatalogSelection {
        switch kind {
        case .products: products
        case .bundles: bundles
        case .roamingPolicies: roamingPolicies
        case .networkProfiles: .explicit(networkProfiles)
        }
    }

    public mutating func setSelection(_ selection: CatalogSelection, for kind: CatalogKind) {
        switch kind {
        case .products: products = selection
        case .bundles: bundles = selection
        case .roamingPolicies: roamingPolicies = selection
        case .networkProfiles: networkProfiles = selection.explicitCodes ?? []
        }
    }

    public func defaultItem(_ kind: DefaultKind) -> CatalogCode? {
        switch kind {
        case .bundle: defaultBundle
        case .networkProfile: defaultNetworkProfile
        case .roamingPolicy: defaultRoamingPolicy
        }
    }

    public mutating func setDefault(_ code: CatalogCode?, for kind: DefaultKind) {
        switch kind {
        case .bundle: defaultBundle = code
        case .networkProfile: defaultNetworkProfile = code
        case .roamingPolicy: defaultRoamingPolicy = code
        }
    }
}
