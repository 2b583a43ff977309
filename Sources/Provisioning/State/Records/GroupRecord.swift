/// A group (an end customer, one Teams tenant, guide 5).
public struct GroupRecord: Hashable, Sendable {
    public var name: Name
    public var reseller: Name
    public var description: Description?
    /// The customer's Azure AD tenant id (the guide's "Domain").
    public var domain: TenantID
    public var enterpriseNumber: PhoneNumber?
    public var homeLocations: [CountryCode]
    /// On: provision only with SIMs allocated to the group. Off: also the reseller's reserved SIMs.
    public var limitSIMAccess: Bool
    public var catalog: CatalogChoices

    public init(
        name: Name, reseller: Name, description: Description?, domain: TenantID, enterpriseNumber: PhoneNumber?,
        homeLocations: [CountryCode], limitSIMAccess: Bool, catalog: CatalogChoices
    ) {
        self.name = name
        self.reseller = reseller
        self.description = description
        self.domain = domain
        self.enterpriseNumber = enterpriseNumber
        self.homeLocations = homeLocations
        self.limitSIMAccess = limitSIMAccess
        self.catalog = catalog
    }

    public var scope: Scope { .group(name, reseller: reseller) }
}
