/// How big a generated store is, and the seed that decides everything else.
/// The defaults are issue 5's benchmark store: 1,000,000 SIMs through their
/// lifecycle and 100,000 subscribers, about 10,000,000 events.
public struct StoreShape: Codable, Hashable, Sendable {
    public var seed: UInt64 = 5
    public var sims = 1_000_000
    public var subscribers = 100_000
    public var resellers = 10
    public var groupsPerReseller = 100
    /// Numbers imported, spread evenly over the resellers.
    public var numbers = 500_000
    /// The most SIMs or numbers one bulk change carries (book-in, reserve, unallocate,
    /// unreserve, retire, numbers import, numbers release).
    public var batch = 250_000
    /// Shares of the subscribers that get one `subscriber set`, and that are terminated.
    public var changedPercent = 50
    public var terminatedPercent = 20
    /// Share of the SIMs that are still in a group at the end and are retired (lost, faulty).
    public var retiredPercent = 10

    public init() {}

    public var groups: Int { resellers * groupsPerReseller }
}
