/// `init`: the distributor and its first user (role distributor). The only
/// command without an acting user.
public struct InitializeStore: Hashable, Sendable {
    public var distributor: Name
    public var adminUsername: Username
    public var adminName: DisplayText
    public var adminEmail: Email
    /// The distributor's own data, copied by resellers created with "inherit data".
    public var homeLocations: [CountryCode]
    public var country: CountryCode?
    public var address: PostalAddress?

    public init(
        distributor: Name, adminUsername: Username, adminName: DisplayText, adminEmail: Email,
        homeLocations: [CountryCode] = [], country: CountryCode? = nil, address: PostalAddress? = nil
    ) {
        self.distributor = distributor
        self.adminUsername = adminUsername
        self.adminName = adminName
        self.adminEmail = adminEmail
        self.homeLocations = homeLocations
        self.country = country
        self.address = address
    }
}

/// `settings set`: nil leaves a setting as it is.
public struct ChangeSettings: Hashable, Sendable {
    public static let quarantineDaysRange = 0...3650

    public var numberQuarantineDays: Int?
    public var smdpAddress: FQDN?

    public init(numberQuarantineDays: Int? = nil, smdpAddress: FQDN? = nil) {
        self.numberQuarantineDays = numberQuarantineDays
        self.smdpAddress = smdpAddress
    }
}

/// `user add` (guide 10). A reseller-bound role names its reseller; a customer one
/// group; a multi-customer one or more groups of one reseller.
public struct AddUser: Hashable, Sendable {
    public var username: Username
    public var name: DisplayText
    public var email: Email
    public var role: Role
    public var reseller: Name?
    public var groups: [Name]

    public init(username: Username, name: DisplayText, email: Email, role: Role, reseller: Name? = nil, groups: [Name] = []) {
        self.username = username
        self.name = name
        self.email = email
        self.role = role
        self.reseller = reseller
        self.groups = groups
    }
}
