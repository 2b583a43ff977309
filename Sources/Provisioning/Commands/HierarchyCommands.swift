/// `reseller create` (guide 4). With `inheritData`, what is not given is copied
/// from the distributor.
public struct CreateReseller: Hashable, Sendable {
    public var name: Name
    public var description: Description?
    public var homeLocations: [CountryCode]
    public var country: CountryCode?
    public var address: PostalAddress?
    public var inheritConfiguration: Bool
    public var inheritData: Bool

    public init(
        name: Name, description: Description? = nil, homeLocations: [CountryCode] = [], country: CountryCode? = nil,
        address: PostalAddress? = nil, inheritConfiguration: Bool = true, inheritData: Bool = false
    ) {
        self.name = name
        self.description = description
        self.homeLocations = homeLocations
        self.country = country
        self.address = address
        self.inheritConfiguration = inheritConfiguration
        self.inheritData = inheritData
    }
}

/// `group create` (guide 5). With `inheritData`, the home locations not given are
/// the reseller's.
public struct CreateGroup: Hashable, Sendable {
    public var name: Name
    public var reseller: Name
    public var description: Description?
    public var domain: TenantID
    public var enterpriseNumber: PhoneNumber?
    public var homeLocations: [CountryCode]
    public var limitSIMAccess: Bool
    public var inheritConfiguration: Bool
    public var inheritData: Bool

    public init(
        name: Name, reseller: Name, description: Description? = nil, domain: TenantID,
        enterpriseNumber: PhoneNumber? = nil, homeLocations: [CountryCode] = [], limitSIMAccess: Bool = false,
        inheritConfiguration: Bool = true, inheritData: Bool = false
    ) {
        self.name = name
        self.reseller = reseller
        self.description = description
        self.domain = domain
        self.enterpriseNumber = enterpriseNumber
        self.homeLocations = homeLocations
        self.limitSIMAccess = limitSIMAccess
        self.inheritConfiguration = inheritConfiguration
        self.inheritData = inheritData
    }
}

/// `group set NAME --limit-sim-access on|off`.
public struct SetGroupSIMAccess: Hashable, Sendable {
    public var group: Name
    public var limitSIMAccess: Bool

    public init(group: Name, limitSIMAccess: Bool) {
        self.group = group
        self.limitSIMAccess = limitSIMAccess
    }
}

/// `branding set` (guide 14): nil fields and absent documents stay as they are.
/// The document bytes come with the command; `decide` hashes them and hands them
/// back in `Decision.documents`, never in an event.
public struct SetBranding: Hashable, Sendable {
    public var reseller: Name
    public var productName: DisplayText?
    public var supportEmail: Email?
    public var documents: [BrandingUpload]

    public init(reseller: Name, productName: DisplayText? = nil, supportEmail: Email? = nil, documents: [BrandingUpload] = []) {
        self.reseller = reseller
        self.productName = productName
        self.supportEmail = supportEmail
        self.documents = documents
    }
}

/// A document given to `branding set`: its slot, media type and bytes.
public struct BrandingUpload: Hashable, Sendable {
    public var kind: BrandingDocumentKind
    public var mediaType: String
    public var bytes: [UInt8]

    public init(kind: BrandingDocumentKind, mediaType: String, bytes: [UInt8]) {
        self.kind = kind
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
