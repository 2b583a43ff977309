/// The kinds of change the permission table distinguishes (domain "Control Panel
/// users and roles"). Every command maps to exactly one; see `Command.action`.
public enum Action: String, Sendable, Hashable, CaseIterable {
    case changeSettings = "change-settings"
    case defineCatalog = "define-catalog"
    case manageResellers = "manage-resellers"
    /// Which products, bundles, roaming policies and network profiles a reseller
    /// gets, and its defaults: what the distributor sells to the channel.
    case manageResellerCatalog = "manage-reseller-catalog"
    case manageBranding = "manage-branding"
    case manageGroups = "manage-groups"
    case manageGroupCatalog = "manage-group-catalog"
    case addUsers = "add-users"
    case bookInSIMs = "book-in-sims"
    case reserveSIMs = "reserve-sims"
    case unreserveSIMs = "unreserve-sims"
    case retireSIMs = "retire-sims"
    /// Allocate and unallocate: moving a reseller's SIMs between it and its groups.
    case allocateSIMs = "allocate-sims"
    case manageNumbers = "manage-numbers"
    case manageSubscribers = "manage-subscribers"

    /// "reserve SIMs", for messages.
    var spoken: String {
        switch self {
        case .changeSettings: "change the settings"
        case .defineCatalog: "define catalog items"
        case .manageResellers: "create resellers"
        case .manageResellerCatalog: "change a reseller's catalog"
        case .manageBranding: "change branding"
        case .manageGroups: "create or change groups"
        case .manageGroupCatalog: "change a group's catalog"
        case .addUsers: "add users"
        case .bookInSIMs: "book in SIMs"
        case .reserveSIMs: "reserve SIMs"
        case .unreserveSIMs: "unreserve SIMs"
        case .retireSIMs: "retire SIMs"
        case .allocateSIMs: "allocate or unallocate SIMs"
        case .manageNumbers: "import or release numbers"
        case .manageSubscribers: "provision, change or terminate subscribers"
        }
    }
}

/// What a read looks at, for `Permissions.canRead`.
public enum ReadSubject: Hashable, Sendable {
    /// PBXs, products, bundles, roaming policies, network profiles.
    case catalog
    /// Store-wide lists: all users, the stock of unreserved SIMs, settings.
    case store
    /// A reseller's own data (its groups, SIMs, numbers, users), or a group's.
    case level(Scope)
    /// The subscribers within a scope.
    case subscribers(Scope)
}
