/// The one distributor of a store, with the store-wide settings.
public struct DistributorRecord: Hashable, Sendable {
    public static let defaultNumberQuarantineDays = 45

    public var name: Name
    /// The data a reseller created with "inherit data" copies.
    public var homeLocations: [CountryCode]
    public var country: CountryCode?
    public var address: PostalAddress?
    /// How long a number stays QUARANTINED after its subscriber is terminated.
    public var numberQuarantineDays: Int
    /// When set, every eSIM activation code booked in must point at this SM-DP+.
    public var smdpAddress: FQDN?

    public init(
        name: Name, homeLocations: [CountryCode] = [], country: CountryCode? = nil, address: PostalAddress? = nil,
        numberQuarantineDays: Int = DistributorRecord.defaultNumberQuarantineDays, smdpAddress: FQDN? = nil
    ) {
        self.name = name
        self.homeLocations = homeLocations
        self.country = country
        self.address = address
        self.numberQuarantineDays = numberQuarantineDays
        self.smdpAddress = smdpAddress
    }
}
