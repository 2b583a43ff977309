/// A PBX (guide 3). Every reseller and group has every PBX, always.
public struct PBXRecord: Hashable, Sendable {
    public var name: CatalogCode
    public var type: PBXType
    public var homeLocation: HomeLocation
    public var country: CountryCode
    public var domain: FQDN?
    public var emergencyCallback: Bool
    public var voicemailDeposit: DialString?
    public var voicemailRetrieval: DialString?

    public init(
        name: CatalogCode, type: PBXType, homeLocation: HomeLocation, country: CountryCode, domain: FQDN?,
        emergencyCallback: Bool, voicemailDeposit: DialString?, voicemailRetrieval: DialString?
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

/// A product (guide 6); `UCC` "UC Link - PBX" is the one a PBX subscriber needs.
public struct ProductRecord: Hashable, Sendable {
    /// The product code a subscriber with a PBX needs available to its group.
    public static let ucLinkCode = "UCC"

    public var code: CatalogCode
    public var name: DisplayText
    public var type: ProductType

    public init(code: CatalogCode, name: DisplayText, type: ProductType) {
        self.code = code
        self.name = name
        self.type = type
    }
}

/// A bundle (guide 7). A subscriber's bundle must cover its home location.
public struct BundleRecord: Hashable, Sendable {
    public var code: CatalogCode
    public var name: DisplayText
    public var description: Description?
    public var type: BundleType
    public var homeLocation: HomeLocation

    public init(
        code: CatalogCode, name: DisplayText, description: Description?, type: BundleType, homeLocation: HomeLocation
    ) {
        self.code = code
        self.name = name
        self.description = description
        self.type = type
        self.homeLocation = homeLocation
    }
}

/// A roaming policy (guide 8).
public struct RoamingPolicyRecord: Hashable, Sendable {
    public var name: CatalogCode
    public var description: Description?
    public var type: RoamingPolicyType
    public var homeLocation: HomeLocation

    public init(name: CatalogCode, description: Description?, type: RoamingPolicyType, homeLocation: HomeLocation) {
        self.name = name
        self.description = description
        self.type = type
        self.homeLocation = homeLocation
    }
}

/// A SIM network profile (guide 9): its name and the SPN shown on the phone.
public struct NetworkProfileRecord: Hashable, Sendable {
    public var name: CatalogCode
    public var spn: SPN

    public init(name: CatalogCode, spn: SPN) {
        self.name = name
        self.spn = spn
    }
}
