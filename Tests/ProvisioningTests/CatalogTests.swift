import Testing

@testable import Provisioning

@Suite("Catalog and settings")
struct CatalogTests {
    let world = given(World.initialized)
    var mike: Actor { world.actor("mike") }

    @Test func definingEachKindOfItemRecordsItsEvent() {
        let usa = HomeLocation.country(country("USA"))
        world.when(.addPBX(AddPBX(name: W.teams, type: .microsoftTeams, homeLocation: usa, country: country("USA"), emergencyCallback: true)), as: mike)
            .then([.pbxAdded(PBXAdded(name: W.teams, type: .microsoftTeams, homeLocation: usa, country: country("USA"), domain: nil, emergencyCallback: true, voicemailDeposit: nil, voicemailRetrieval: nil))])
        world.when(.defineProduct(DefineProduct(code: W.ucc, name: text("UC Link - PBX"))), as: mike)
            .then([.productDefined(ProductDefined(code: W.ucc, name: text("UC Link - PBX"), type: .enterprise))])
        world.when(.defineBundle(DefineBundle(code: W.usRatecard, name: text("Subscriber Bundle Ratecard"), homeLocation: usa)), as: mike)
            .then([.bundleDefined(BundleDefined(code: W.usRatecard, name: text("Subscriber Bundle Ratecard"), description: nil, type: .subscriber, homeLocation: usa))])
        world.when(.defineRoamingPolicy(DefineRoamingPolicy(name: W.unrestricted, homeLocation: .all)), as: mike)
            .then([.roamingPolicyDefined(RoamingPolicyDefined(name: W.unrestricted, description: nil, type: .standard, homeLocation: .all))])
        world.when(.defineNetworkProfile(DefineNetworkProfile(name: W.mobileX, spn: value("Mobile-X"))), as: mike)
            .then([.networkProfileDefined(NetworkProfileDefined(name: W.mobileX, spn: value("Mobile-X")))])
    }

    @Test func catalogCodesAndPBXNamesAreUnique() {
        let standard = given(World.standard)
        standard.when(.defineBundle(DefineBundle(code: W.usRatecard, name: text("Again"), homeLocation: .all)), as: mike)
            .thenRejected(.ruleViolation, containing: "bundle BUN-USN-RATECARD already exists")
        standard.when(.addPBX(AddPBX(name: W.teams, type: .ciscoWebex, homeLocation: .all, country: country("USA"))), as: mike)
            .thenRejected(.ruleViolation, containing: "PBX MicrosoftTeams already exists")
        standard.when(.defineNetworkProfile(DefineNetworkProfile(name: W.mobileX, spn: value("Other"))), as: mike)
            .thenRejected(.ruleViolation, containing: "network profile Mobile-X already exists")
    }

    @Test func onlyTheDistributorDefinesTheCatalog() {
        let standard = given(World.standard)
        standard.when(.defineProduct(DefineProduct(code: code("NEW"), name: text("New"))), as: standard.actor("tm"))
            .thenRejected(.forbidden, containing: "User tm (reseller) may not define catalog items")
    }

    @Test func settingsRecordBeforeAndAfterAndNothingWhenUnchanged() {
        let smdp: FQDN = value("smdp.mobile-x.example")
        world.when(.changeSettings(ChangeSettings(numberQuarantineDays: 90, smdpAddress: smdp)), as: mike)
            .then([.settingsChanged(SettingsChanged(distributor: W.distributor, numberQuarantineDaysBefore: 45, numberQuarantineDays: 90, smdpAddressBefore: nil, smdpAddress: smdp))])
        world.when(.changeSettings(ChangeSettings(numberQuarantineDays: 45)), as: mike).then([])
        world.when(.changeSettings(ChangeSettings(numberQuarantineDays: 4000)), as: mike)
            .thenRejected(.malformed, containing: "4000 days is out of range")
        world.when(.changeSettings(ChangeSettings()), as: mike).thenRejected(.malformed, containing: "settings set needs")
    }

    @Test func initRunsOncePerStore() {
        let command = Command.initializeStore(InitializeStore(distributor: name("Other"), adminUsername: user("bob"), adminName: text("Bob"), adminEmail: email("bob@example.com")))
        world.when(command, as: nil).thenRejected(.ruleViolation, containing: "already initialized for distributor AudioCodes")
        let events = given([]).when(command, as: nil).thenAccepted()
        #expect(events.map(\.wireName) == ["store.initialized", "user.added"])
        #expect(InMemoryState(replaying: events).user(user("bob"))?.role == .distributor)
    }

    @Test func everyOtherCommandNeedsAnInitializedStoreAndAnActor() {
        let command = Command.defineProduct(DefineProduct(code: W.ucc, name: text("UC Link - PBX")))
        given([]).when(command, as: mike).thenRejected(.ruleViolation, containing: "not initialized")
        world.when(command, as: nil).thenRejected(.forbidden, containing: "needs an acting user")
    }
}
