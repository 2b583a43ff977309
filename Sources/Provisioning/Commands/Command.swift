/// Every Control Panel action, carrying values already validated. `decide` turns
/// one into events or a rejection. The CLI and script lines build them; the names
/// in `cliName` are the `provctl` commands of the CLI contract.
public enum Command: Hashable, Sendable {
    case initializeStore(InitializeStore)
    case changeSettings(ChangeSettings)
    case addPBX(AddPBX)
    case defineProduct(DefineProduct)
    case defineBundle(DefineBundle)
    case defineRoamingPolicy(DefineRoamingPolicy)
    case defineNetworkProfile(DefineNetworkProfile)
    case createReseller(CreateReseller)
    case createGroup(CreateGroup)
    case setGroupSIMAccess(SetGroupSIMAccess)
    /// Products, bundles or roaming policies: an explicit set, or back to inherit.
    case assignCatalog(AssignCatalog)
    /// Network profiles, never inherited: always an explicit set.
    case assignNetworkProfiles(AssignNetworkProfiles)
    case setDefault(SetCatalogDefault)
    case addUser(AddUser)
    case bookInSIMs(BookInSIMs)
    case reserveSIMs(ReserveSIMs)
    case allocateSIMs(AllocateSIMs)
    case unallocateSIMs(UnallocateSIMs)
    case unreserveSIMs(UnreserveSIMs)
    case retireSIMs(RetireSIMs)
    case importNumbers(ImportNumbers)
    case releaseNumbers(ReleaseNumbers)
    case provisionSubscriber(ProvisionSubscriber)
    case changeSubscriber(ChangeSubscriber)
    case terminateSubscriber(TerminateSubscriber)
    case setBranding(SetBranding)

    /// The `provctl` command this is.
    public var cliName: String {
        switch self {
        case .initializeStore: "init"
        case .changeSettings: "settings set"
        case .addPBX: "pbx add"
        case .defineProduct: "product define"
        case .defineBundle: "bundle define"
        case .defineRoamingPolicy: "roaming-policy define"
        case .defineNetworkProfile: "network-profile define"
        case .createReseller: "reseller create"
        case .createGroup: "group create"
        case .setGroupSIMAccess: "group set"
        case .assignCatalog(let command): command.kind.assignCommand
        case .assignNetworkProfiles: "network-profiles assign"
        case .setDefault(let command):
            switch command.kind {
            case .bundle: "bundles default"
            case .networkProfile: "network-profiles default"
            case .roamingPolicy: "roaming-policies default"
            }
        case .addUser: "user add"
        case .bookInSIMs: "sims bookin"
        case .reserveSIMs: "sims reserve"
        case .allocateSIMs: "sims allocate"
        case .unallocateSIMs: "sims unallocate"
        case .unreserveSIMs: "sims unreserve"
        case .retireSIMs: "sims retire"
        case .importNumbers: "numbers import"
        case .releaseNumbers: "numbers release"
        case .provisionSubscriber: "subscriber provision"
        case .changeSubscriber: "subscriber set"
        case .terminateSubscriber: "subscriber terminate"
        case .setBranding: "branding set"
        }
    }
}
