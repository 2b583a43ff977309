import Testing

@testable import Provisioning

@Suite("Users and roles")
struct UsersAndRolesTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }

    func addUser(_ username: String, _ role: Role, reseller: Name? = nil, groups: [Name] = []) -> Command {
        .addUser(AddUser(username: user(username), name: text(username), email: email("\(username)@example.com"), role: role, reseller: reseller, groups: groups))
    }

    @Test func usernamesAreUnique() {
        standard.when(addUser("tm", .customer, groups: [W.trial]), as: mike)
            .thenRejected(.ruleViolation, containing: "User tm already exists")
    }

    @Test func aUsersScopeMustFitItsRole() {
        standard.when(addUser("x", .reseller), as: mike).thenRejected(.malformed, containing: "give --reseller")
        standard.when(addUser("x", .distributor, reseller: W.talkMail), as: mike).thenRejected(.malformed, containing: "belongs to no reseller or group")
        standard.when(addUser("x", .customer, groups: [W.trial, W.locked]), as: mike).thenRejected(.malformed, containing: "exactly one group")
        standard.when(addUser("x", .multiCustomer, groups: [W.trial, W.acInternal]), as: mike)
            .thenRejected(.ruleViolation, containing: "Group AC_Internal belongs to reseller AudioCodes_Reseller, not Talk_Mail")
        standard.when(addUser("x", .customer, groups: [name("Nowhere")]), as: mike).thenRejected(.notFound, containing: "Group Nowhere does not exist")
        standard.when(addUser("x", .customer, groups: [W.trial]), as: mike)
            .then([.userAdded(UserAdded(username: user("x"), name: text("x"), email: email("x@example.com"), role: .customer, reseller: W.talkMail, groups: [W.trial]))])
    }

    @Test func aResellerUserAddsUsersOnlyWithinItsReseller() {
        let tm = standard.actor("tm")
        standard.when(addUser("x", .customer, groups: [W.trial]), as: tm).thenAccepted()
        standard.when(addUser("x", .reseller, reseller: W.acReseller), as: tm)
            .thenRejected(.forbidden, containing: "on reseller AudioCodes_Reseller", "reaches only reseller Talk_Mail")
        standard.when(addUser("x", .distributor), as: tm).thenRejected(.forbidden, containing: "on the whole store")
        standard.when(addUser("x", .customer, groups: [W.trial]), as: standard.actor("tmd")).thenRejected(.forbidden, containing: "may not add users")
    }

    @Test func anUnknownActingUserIsForbidden() {
        #expect(throws: Rejection(.forbidden, "User ghost does not exist: act as an existing Control Panel user, or have a distributor add it with user add.")) {
            try standard.state.actor(named: user("ghost"))
        }
        #expect((try? standard.state.actor(named: user("tm"))) == Actor(username: user("tm"), role: .reseller, reseller: W.talkMail))
    }

    @Test func aResellerUserCannotTouchAnotherResellersItems() {
        let acr = standard.actor("acr")
        standard.when(.allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.reservedTM1])), as: acr)
            .thenRejected(.forbidden, containing: "on group Trial")
        standard.when(World.provisionAdele(), as: acr).thenRejected(.forbidden, containing: "User acr (reseller)")
        standard.when(.importNumbers(ImportNumbers(reseller: W.talkMail, numbers: [phone("442079460000")])), as: acr).thenRejected(.forbidden)
        standard.when(.unallocateSIMs(UnallocateSIMs(iccids: [W.trialSIM1])), as: acr).thenRejected(.forbidden)
    }

    @Test func groupUsersReachOnlyTheirGroups() {
        standard.when(World.provisionAdele(), as: standard.actor("multi")).thenAccepted()
        standard.when(World.provisionAdele(), as: standard.actor("cust")).thenAccepted()
        standard.when(World.provisionAdele(group: W.acInternal, number: W.acNumber), as: standard.actor("cust"))
            .thenRejected(.forbidden, containing: "reaches only group Trial")
        standard.when(World.provisionAdele(group: W.acInternal, number: W.acNumber), as: standard.actor("multi"))
            .thenRejected(.forbidden, containing: "reaches only group Trial, Locked")
        standard.when(World.provisionAdele(), as: standard.actor("tmv")).thenRejected(.forbidden, containing: "reseller-subs-view-only")
    }

    /// The kinds of change of the permission table, each with a command that the
    /// distributor may run in the standard world, landing in Talk_Mail's group Trial
    /// (or in Talk_Mail, or store-wide) so that every role's own scope covers it.
    enum ChangeKind: String, CaseIterable {
        case settings, catalog, reseller, resellerCatalog, branding, group, groupCatalog, users
        case bookin, reserve, unreserve, retire, allocate, numbers, subscribers

        var command: Command {
            switch self {
            case .settings: .changeSettings(ChangeSettings(numberQuarantineDays: 60))
            case .catalog: .defineProduct(DefineProduct(code: code("NEW"), name: text("New")))
            case .reseller: .createReseller(CreateReseller(name: name("New"), inheritData: true))
            case .resellerCatalog: .assignCatalog(AssignCatalog(kind: .products, level: .reseller(W.talkMail), selection: .explicit([W.ucc])))
            case .branding: .setBranding(SetBranding(reseller: W.talkMail, productName: text("Talk")))
            case .group: .setGroupSIMAccess(SetGroupSIMAccess(group: W.trial, limitSIMAccess: true))
            case .groupCatalog: .setDefault(SetCatalogDefault(kind: .bundle, level: .group(W.trial), item: W.us2G))
            case .users: .addUser(AddUser(username: user("new"), name: text("New"), email: email("new@example.com"), role: .customer, groups: [W.trial]))
            case .bookin: .bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: iccid("894453000000009999"))], simType: value("MXG-ET085"), form: .esim))
            case .reserve: .reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [W.stock1]))
            case .unreserve: .unreserveSIMs(UnreserveSIMs(iccids: [W.reservedTM1]))
            case .retire: .retireSIMs(RetireSIMs(iccids: [W.stock1], reason: .faulty))
            case .allocate: .allocateSIMs(AllocateSIMs(group: W.trial, iccids: [W.reservedTM1]))
            case .numbers: .importNumbers(ImportNumbers(reseller: W.talkMail, numbers: [phone("442079460000")]))
            case .subscribers: World.provisionAdele()
            }
        }
    }

    /// The table of the domain page, written out here rather than read from
    /// `Permissions`, so that a change to either shows.
    static let allowed: [Role: Set<ChangeKind>] = [
        .distributor: Set(ChangeKind.allCases),
        .reseller: [.group, .groupCatalog, .users, .allocate, .numbers, .subscribers],
        .resellerDowngraded: [.allocate, .subscribers],
        .resellerSubsViewOnly: [],
        .multiCustomer: [.subscribers],
        .customer: [.subscribers],
    ]

    static let userOfRole: [Role: String] = [
        .distributor: "mike", .reseller: "tm", .resellerDowngraded: "tmd", .resellerSubsViewOnly: "tmv",
        .multiCustomer: "multi", .customer: "cust",
    ]

    @Test(arguments: Role.allCases, ChangeKind.allCases)
    func eachRoleOnEachKindOfChange(role: Role, kind: ChangeKind) {
        let actor = standard.actor(Self.userOfRole[role]!)
        let when = standard.when(kind.command, as: actor)
        if Self.allowed[role]!.contains(kind) {
            #expect(!when.thenAccepted().isEmpty, "\(role.rawValue) may \(kind.rawValue)")
        } else {
            when.thenRejected(.forbidden, containing: "User \(actor.username) (\(role.rawValue)) may not")
        }
    }

    @Test func readsFollowTheTable() {
        let trial = Scope.group(W.trial, reseller: W.talkMail)
        let ac = Scope.group(W.acInternal, reseller: W.acReseller)
        func can(_ username: String, _ subject: ReadSubject) -> Bool { Permissions.canRead(standard.actor(username), subject) }
        #expect(can("mike", .store) && can("mike", .level(ac)))
        #expect(can("tm", .level(.reseller(W.talkMail))) && can("tm", .level(trial)) && !can("tm", .level(ac)) && !can("tm", .store))
        #expect(can("tmd", .subscribers(trial)) && !can("tmd", .subscribers(ac)))
        #expect(can("tmv", .subscribers(trial)) && can("tmv", .subscribers(.reseller(W.talkMail))))
        #expect(!can("tmv", .level(trial)) && !can("tmv", .catalog) && !can("tmv", .subscribers(ac)))
        #expect(can("multi", .level(trial)) && !can("multi", .level(.reseller(W.talkMail))) && !can("multi", .level(ac)))
        #expect(can("cust", .subscribers(trial)) && !can("cust", .level(.group(W.locked, reseller: W.talkMail))))
        #expect(can("cust", .catalog))
    }
}
