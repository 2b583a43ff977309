/// Inheritance, read live: a level that inherits sees what its parent offers now.
extension StateReader {
    /// Whether `code` of `kind` is defined in the catalog at all.
    public func catalogItemExists(_ kind: CatalogKind, _ code: CatalogCode) -> Bool {
        switch kind {
        case .products: product(code) != nil
        case .bundles: bundle(code) != nil
        case .roamingPolicies: roamingPolicy(code) != nil
        case .networkProfiles: networkProfile(code) != nil
        }
    }

    /// Whether a reseller offers an item: its explicit set, or, when it inherits,
    /// whether the distributor defined it. Network profiles: only what was assigned.
    public func resellerOffers(_ reseller: ResellerRecord, _ kind: CatalogKind, _ code: CatalogCode) -> Bool {
        switch reseller.catalog.selection(kind) {
        case .inherit: catalogItemExists(kind, code)
        case .explicit(let codes): codes.contains(code)
        }
    }

    /// Whether a group offers an item: its explicit set, or, when it inherits, what
    /// its reseller offers. A group whose reseller is missing offers nothing.
    public func groupOffers(_ group: GroupRecord, _ kind: CatalogKind, _ code: CatalogCode) -> Bool {
        switch group.catalog.selection(kind) {
        case .explicit(let codes):
            return codes.contains(code)
        case .inherit:
            guard let reseller = reseller(group.reseller) else { return false }
            return resellerOffers(reseller, kind, code)
        }
    }

    /// Whether a level offers an item (false for a level that does not exist).
    public func offers(_ level: CatalogLevel, _ kind: CatalogKind, _ code: CatalogCode) -> Bool {
        switch level {
        case .reseller(let name): reseller(name).map { resellerOffers($0, kind, code) } ?? false
        case .group(let name): group(name).map { groupOffers($0, kind, code) } ?? false
        }
    }

    /// What a level offers of a kind, sorted, with inheritance resolved: the
    /// effective catalog of `catalog show`.
    public func effectiveCatalog(_ level: CatalogLevel, _ kind: CatalogKind) -> [CatalogCode] {
        switch level {
        case .reseller(let name):
            guard let reseller = reseller(name) else { return [] }
            switch reseller.catalog.selection(kind) {
            case .inherit: return catalogCodes(kind)
            case .explicit(let codes): return codes
            }
        case .group(let name):
            guard let group = group(name) else { return [] }
            switch group.catalog.selection(kind) {
            case .inherit: return effectiveCatalog(.reseller(group.reseller), kind)
            case .explicit(let codes): return codes
            }
        }
    }

    /// The catalog choices of a level, if it exists.
    public func catalogChoices(of level: CatalogLevel) -> CatalogChoices? {
        switch level {
        case .reseller(let name): reseller(name)?.catalog
        case .group(let name): group(name)?.catalog
        }
    }

    /// The reseller a level belongs to (itself for a reseller).
    public func owningReseller(of level: CatalogLevel) -> Name? {
        switch level {
        case .reseller(let name): reseller(name)?.name
        case .group(let name): group(name)?.reseller
        }
    }
}
