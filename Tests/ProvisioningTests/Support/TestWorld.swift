@testable import Provisioning

/// Builds a history by running commands through `decide` and `evolve`, as the
/// Engine does. A rejection here is a broken test setup, so it traps.
struct History {
    private(set) var events: [ProvisioningEvent] = []
    private(set) var state = InMemoryState()
    private(set) var secrets: [SecretToStore] = []

    init(_ events: [ProvisioningEvent] = []) {
        self.events = events
        state = InMemoryState(replaying: events)
    }

    @discardableResult
    mutating func run(_ command: Command, as username: String?, at time: Timestamp = t0) -> Decision {
        let actor = username.map { name in Actor(state.user(user(name))!) }
        do {
            let decision = try decide(command, state: state, actor: actor, now: time, ids: engineIDs(at: events.count + 1))
            for event in decision.events { evolve(event, into: &state) }
            events += decision.events
            secrets += decision.secrets
            return decision
        } catch {
            fatalError("setup command \(command.cliName) was rejected: \(error.message)")
        }
    }

    func actor(_ username: String) -> Actor { Actor(state.user(user(username))!) }
}

/// The names of the standard world.
enum W {
    static let distributor = name("AudioCodes")
    static let talkMail = name("Talk_Mail")
    static let acReseller = name("AudioCodes_Reseller")
    /// Talk_Mail's group, inheriting, USA, defaults set, not limiting SIM access.
    static let trial = name("Trial")
    /// Talk_Mail's group that limits SIM access.
    static let locked = name("Locked")
    /// AudioCodes_Reseller's group.
    static let acInternal = name("AC_Internal")

    static let teams = code("MicrosoftTeams")
    static let ucc = code("UCC")
    static let usRatecard = code("BUN-USN-RATECARD")
    static let us2G = code("BUN-USN-MX2G")
    static let uk2G = code("BUN-UKN-MX2G")
    static let unrestricted = code("PLCY_RMG_UNRESTRICTED")
    static let noRoaming = code("PLCY_RMG_NONE")
    static let mobileX = code("Mobile-X")
    static let tangoExt = code("TangoExt")

    static let stock1 = iccid("894453000000000100")
    static let stock2 = iccid("894453000000000101")
    static let reservedTM1 = iccid("894453000000000200")
    static let reservedTM2 = iccid("894453000000000201")
    static let trialSIM1 = iccid("894453000000000300")
    static let trialSIM2 = iccid("894453000000000301")
    static let acSIM = iccid("894453000000000400")
    static let trialPhysical = iccid("894453000000000500")

    static let number1 = phone("18332954087")
    static let number2 = phone("18332954088")
    static let number3 = phone("18332954089")
    static let acNumber = phone("14155550100")

    static let tenantTrial = try! TenantID("9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d")
    static let tenantLocked = try! TenantID("1b4e28ba-2fa1-11d2-883f-0016d3cca427")
    static let tenantAC = try! TenantID("3f2504e0-4f89-41d3-9a0c-0305e82c3301")
    static let activation = try! ActivationCode("LPA:1$smdp.mobile-x.example$04386-AGYFT-A74Y8-3F815")
}

enum World {
    /// Only `init`: the distributor AudioCodes and its user mike.
    static let initialized: [ProvisioningEvent] = {
        var history = History()
        history.run(
            .initializeStore(
                InitializeStore(
                    distributor: W.distributor, adminUsername: user("mike"), adminName: text("Mike Dubb"),
                    adminEmail: email("mike@audiocodes.com"), homeLocations: [country("GBR"), country("USA")],
                    country: country("USA"), address: PostalAddress(line1: text("80 Kingsbridge Rd")))),
            as: nil)
        return history.events
    }()

    /// The catalog, two resellers with three groups, a user of every role, SIMs in
    /// every status but ACTIVE and RETIRED, and numbers. See `W` for the names.
    static let standard: [ProvisioningEvent] = {
        var h = History(initialized)
        let mike = "mike"
        h.run(.addPBX(AddPBX(name: W.teams, type: .microsoftTeams, homeLocation: .country(country("USA")), country: country("USA"))), as: mike)
        h.run(.defineProduct(DefineProduct(code: W.ucc, name: text("UC Link - PBX"))), as: mike)
        h.run(.defineBundle(DefineBundle(code: W.usRatecard, name: text("Subscriber Bundle Ratecard"), homeLocation: .country(country("USA")))), as: mike)
        h.run(.defineBundle(DefineBundle(code: W.us2G, name: text("Unlimited Voice and Text, 2GB Data"), homeLocation: .country(country("USA")))), as: mike)
        h.run(.defineBundle(DefineBundle(code: W.uk2G, name: text("Unlimited Voice and Text, 2GB Data"), homeLocation: .country(country("GBR")))), as: mike)
        h.run(.defineRoamingPolicy(DefineRoamingPolicy(name: W.unrestricted, homeLocation: .all)), as: mike)
        h.run(.defineRoamingPolicy(DefineRoamingPolicy(name: W.noRoaming, homeLocation: .all)), as: mike)
        h.run(.defineNetworkProfile(DefineNetworkProfile(name: W.mobileX, spn: value("Mobile-X"))), as: mike)
        h.run(.defineNetworkProfile(DefineNetworkProfile(name: W.tangoExt, spn: value("TangoExt"))), as: mike)

        let address = PostalAddress(line1: text("1 Poultry"), city: text("London"))
        for reseller in [W.talkMail, W.acReseller] {
            h.run(.createReseller(CreateReseller(name: reseller, homeLocations: [country("GBR"), country("USA")], country: country("GBR"), address: address)), as: mike)
        }
        h.run(.assignNetworkProfiles(AssignNetworkProfiles(level: .reseller(W.talkMail), profiles: [W.mobileX, W.tangoExt])), as: mike)
        h.run(.setDefault(SetCatalogDefault(kind: .networkProfile, level: .reseller(W.talkMail), item: W.mobileX)), as: mike)
        h.run(.assignNetworkProfiles(AssignNetworkProfiles(level: .reseller(W.acReseller), profiles: [W.mobileX])), as: mike)

        h.run(.createGroup(CreateGroup(name: W.trial, reseller: W.talkMail, domain: W.tenantTrial, homeLocations: [country("USA")])), as: mike)
        h.run(.createGroup(CreateGroup(name: W.locked, reseller: W.talkMail, domain: W.tenantLocked, homeLocations: [country("GBR"), country("USA")], limitSIMAccess: true)), as: mike)
        h.run(.createGroup(CreateGroup(name: W.acInternal, reseller: W.acReseller, domain: W.tenantAC, homeLocations: [country("GBR"), country("USA")])), as: mike)
        for group in [W.trial, W.locked, W.acInternal] {
            h.run(.assignNetworkProfiles(AssignNetworkProfiles(level: .group(group), profiles: [W.mobileX])), as: mike)
            h.run(.setDefault(SetCatalogDefault(kind: .networkProfile, level: .group(group), item: W.mobileX)), as: mike)
            h.run(.setDefault(SetCatalogDefault(kind: .bundle, level: .group(group), item: W.usRatecard)), as: mike)
            h.run(.setDefault(SetCatalogDefault(kind: .roamingPolicy, level: .group(group), item: W.unrestricted)), as: mike)
        }

        func addUser(_ username: String, _ role: Role, reseller: Name? = nil, groups: [Name] = []) {
            h.run(.addUser(AddUser(username: user(username), name: text(username), email: email("\(username)@example.com"), role: role, reseller: reseller, groups: groups)), as: mike)
        }
        addUser("tm", .reseller, reseller: W.talkMail)
        addUser("tmd", .resellerDowngraded, reseller: W.talkMail)
        addUser("tmv", .resellerSubsViewOnly, reseller: W.talkMail)
        addUser("multi", .multiCustomer, groups: [W.trial, W.locked])
        addUser("cust", .customer, groups: [W.trial])
        addUser("acr", .reseller, reseller: W.acReseller)
        addUser("accust", .customer, groups: [W.acInternal])

        let esims = [W.stock1, W.stock2, W.reservedTM1, W.reservedTM2, W.trialSIM1, W.trialSIM2, W.acSIM]
        h.run(.bookInSIMs(BookInSIMs(sims: esims.map { SIMBookIn(iccid: $0) }, simType: value("MXG-ET085"), form: .esim)), as: mike)
        h.run(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: W.trialPhysical)], simType: value("MXG-PH001"), form: .physical)), as: mike)
        h.run(.reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.reservedTM1, W.reservedTM2, W.trialSIM1, W.trialSIM2, W.trialPhysical])), as: mike)
        h.run(.reserveSIMs(ReserveSIMs(reseller: W.acReseller, iccids: [W.acSIM])), as: mike)
        h.run(.allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.trialSIM1, W.trialSIM2, W.trialPhysical])), as: mike)
        h.run(.allocateSIMs(AllocateSIMs(group: W.acInternal, iccids: [W.acSIM])), as: mike)
        h.run(.importNumbers(ImportNumbers(reseller: W.talkMail, numbers: [W.number1, W.number2, W.number3])), as: mike)
        h.run(.importNumbers(ImportNumbers(reseller: W.acReseller, numbers: [W.acNumber])), as: mike)
        return h.events
    }()

    /// A provisioning of Adele in Trial with number1 and the next eSIM (trialSIM1).
    static func provisionAdele(
        group: Name = W.trial, number: PhoneNumber = W.number1, sim: ICCID? = nil, pbx: CatalogCode? = nil,
        password: SecretBytes? = nil, bundle: CatalogCode? = nil, homeLocation: String = "USA",
        form: SIMForm = .esim, name subscriberName: String = "AdeleVance"
    ) -> Command {
        .provisionSubscriber(
            ProvisionSubscriber(
                group: group, name: name(subscriberName), firstName: text("Adele"), lastName: text("Vance"),
                email: email("AdeleV@M365x17108666.OnMicrosoft.com"), homeLocation: country(homeLocation),
                bundle: bundle, form: form, sim: sim, number: number, pbx: pbx, pbxPassword: password))
    }

    /// The standard world plus Adele provisioned in Trial (SIM trialSIM1, number1).
    static let withAdele: (events: [ProvisioningEvent], adele: SubUID) = {
        var h = History(standard)
        let decision = h.run(provisionAdele(), as: "tm")
        guard case .subscriberProvisioned(let provisioned) = decision.events[0] else { fatalError() }
        return (h.events, provisioned.subUID)
    }()
}
