/// `pbx add` (guide 3).
public struct AddPBX: Hashable, Sendable {
    public var name: CatalogCode
    public var type: PBXType
    public var homeLocation: HomeLocation
    public var country: CountryCode
    public var domain: FQDN?
    public var emergencyCallback: Bool
    public var voicemailDeposit: DialString?
    public var voicemailRetrieval: DialString?

    public init(
        name: CatalogCode, type: PBXType, homeLocation: HomeLocation, country: CountryCode, domain: FQDN? = nil,
        emergencyCallback: Bool = false, voicemailDeposit: DialString? = nil, voicemailRetrieval: DialString? = nil
    ) {
        self.name = name
        self.type = type
        self.homeLocation = homeLocation
        self.country = country
        self.domain = domain
        self.emergencyCallback = emergencyCallback
        self.voicemailDeposit = voicemailDeposit
        self.voicemailRetrieval = voicemailRetrieval
    }
}

/// `product define` (guide 6).
public struct DefineProduct: Hashable, Sendable {
    public var code: CatalogCode
    public var name: DisplayText
    public var type: ProductType

    public init(code: CatalogCode, name: DisplayText, type: ProductType = .enterprise) {
        self.code = code
        self.name = name
        self.type = type
    }
}

/// `bundle define` (guide 7).
public struct DefineBundle: Hashable, Sendable {
    public var code: CatalogCode
    public var name: DisplayText
    public var description: Description?
    public var homeLocation: HomeLocation

    public init(code: CatalogCode, name: DisplayText, description: Description? = nil, homeLocation: HomeLocation) {
        self.code = code
        self.name = name
        self.description = description
        self.homeLocation = homeLocation
    }
}

/// `roaming-policy define` (guide 8).
public struct DefineRoamingPolicy: Hashable, Sendable {
    public var name: CatalogCode
    public var description: Description?
    public var homeLocation: HomeLocation

    public init(name: CatalogCode, description: Description? = nil, homeLocation: HomeLocation) {
        self.name = name
        self.description = description
        self.homeLocation = homeLocation
    }
}

/// `network-profile define` (guide 9).
public struct DefineNetworkProfile: Hashable, Sendable {
    public var name: CatalogCode
    public var spn: SPN

    public init(name: CatalogCode, spn: SPN) {
        self.name = name
        self.spn = spn
    }
}

/// `products|bundles|roaming-policies assign`: an explicit set, or `.inherit`.
public struct AssignCatalog: Hashable, Sendable {
    public var kind: CatalogKind
    public var level: CatalogLevel
    public var selection: CatalogSelection

    public init(kind: CatalogKind, level: CatalogLevel, selection: CatalogSelection) {
        self.kind = kind
        self.level = level
        self.selection = selection
    }
}

/// `network-profiles assign`.
public struct AssignNetworkProfiles: Hashable, Sendable {
    public var level: CatalogLevel
    public var profiles: [CatalogCode]

    public init(level: CatalogLevel, profiles: [CatalogCode]) {
        self.level = level
        self.profiles = profiles
    }
}

/// `bundles default`, `network-profiles default`, `roaming-policies default`.
public struct SetCatalogDefault: Hashable, Sendable {
    public var kind: DefaultKind
    public var level: CatalogLevel
    public var item: CatalogCode

    public init(kind: DefaultKind, level: CatalogLevel, item: CatalogCode) {
        self.kind = kind
        self.level = level
        self.item = item
    }
}
