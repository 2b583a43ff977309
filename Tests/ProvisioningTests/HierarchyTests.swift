import Testing

@testable import Provisioning

@Suite("Hierarchy and inheritance")
struct HierarchyTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }

    @Test func resellerAndGroupNamesAreUnique() {
        standard.when(.createReseller(CreateReseller(name: W.talkMail, homeLocations: [country("USA")], country: country("USA"), address: PostalAddress(line1: text("x")))), as: mike)
            .thenRejected(.ruleViolation, containing: "Reseller Talk_Mail already exists")
        // A group name is unique in the whole store, not only within its reseller.
        standard.when(.createGroup(CreateGroup(name: W.trial, reseller: W.acReseller, domain: W.tenantAC, homeLocations: [country("USA")])), as: mike)
            .thenRejected(.ruleViolation, containing: "Group Trial already exists (under reseller Talk_Mail)")
    }

    @Test func inheritDataCopiesTheDistributorsHomeLocationsAndAddress() {
        let events = standard.when(.createReseller(CreateReseller(name: name("Copycat"), inheritData: true)), as: mike).thenAccepted()
        guard case .resellerCreated(let created) = events.first else { Issue.record("no reseller.created"); return }
        #expect(created.homeLocations == [country("GBR"), country("USA")])
        #expect(created.country == country("USA"))
        #expect(created.address.line1 == text("80 Kingsbridge Rd"))
        #expect(created.dataInherited)
    }

    @Test func aResellerNeedsAHomeLocationCountryAndAddress() {
        standard.when(.createReseller(CreateReseller(name: name("Empty"))), as: mike)
            .thenRejected(.malformed, containing: "Reseller Empty needs a home location")
    }

    @Test func groupInheritDataCopiesTheResellersHomeLocations() {
        let events = standard.when(.createGroup(CreateGroup(name: name("Copy"), reseller: W.talkMail, domain: W.tenantAC, inheritData: true)), as: mike).thenAccepted()
        guard case .groupCreated(let created) = events.first else { Issue.record("no group.created"); return }
        #expect(created.homeLocations == [country("GBR"), country("USA")])
    }

    @Test func aGroupsHomeLocationsAreAmongItsResellers() {
        standard.when(.createGroup(CreateGroup(name: name("French"), reseller: W.talkMail, domain: W.tenantAC, homeLocations: [country("FRA")])), as: mike)
            .thenRejected(.ruleViolation, containing: "Home location FRA of group French is not among those of reseller Talk_Mail")
        standard.when(.createGroup(CreateGroup(name: name("Orphan"), reseller: name("Nobody"), domain: W.tenantAC, homeLocations: [country("USA")])), as: mike)
            .thenRejected(.notFound, containing: "Reseller Nobody does not exist")
    }

    @Test func inheritanceIsLiveWhatTheDistributorAddsLaterIsSeenBelow() {
        var history = History(World.standard)
        let later = code("BUN-USN-LATER")
        #expect(!history.state.offers(.group(W.trial), .bundles, later))
        history.run(.defineBundle(DefineBundle(code: later, name: text("Later"), homeLocation: .country(country("USA")))), as: "mike")
        #expect(history.state.offers(.reseller(W.talkMail), .bundles, later))
        #expect(history.state.offers(.group(W.trial), .bundles, later))
        #expect(history.state.effectiveCatalog(.group(W.trial), .bundles) == [W.uk2G, later, W.us2G, W.usRatecard].sorted())
    }

    @Test func aLevelCreatedWithoutInheritanceStartsWithEmptySets() {
        var history = History(World.standard)
        history.run(.createGroup(CreateGroup(name: name("Bare"), reseller: W.talkMail, domain: W.tenantAC, homeLocations: [country("USA")], inheritConfiguration: false)), as: "tm")
        let bare = history.state.group(name("Bare"))!
        #expect(bare.catalog.bundles == .explicit([]))
        #expect(bare.catalog.products == .explicit([]))
        #expect(!history.state.offers(.group(name("Bare")), .bundles, W.usRatecard))
    }

    @Test func anExplicitSetMustBeASubsetOfWhatTheParentOffers() {
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .reseller(W.acReseller), selection: .explicit([W.usRatecard]))), as: "mike")
        given(history.events).when(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.acInternal), selection: .explicit([W.usRatecard, W.uk2G]))), as: history.actor("acr"))
            .thenRejected(.ruleViolation, containing: "Reseller AudioCodes_Reseller does not offer the bundle BUN-UKN-MX2G")
        given(history.events).when(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.acInternal), selection: .explicit([W.usRatecard]))), as: history.actor("acr"))
            .then([.catalogAssigned(CatalogAssigned(kind: .bundles, level: .group(W.acInternal), reseller: W.acReseller, before: .inherit, after: .explicit([W.usRatecard])))])
    }

    @Test func anUnknownItemCannotBeAssigned() {
        standard.when(.assignCatalog(AssignCatalog(kind: .products, level: .reseller(W.talkMail), selection: .explicit([code("NOPE")]))), as: mike)
            .thenRejected(.notFound, containing: "product NOPE does not exist")
    }

    @Test func aLevelCanGoBackToInherit() {
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .group(W.trial), selection: .explicit([W.unrestricted]))), as: "tm")
        #expect(!history.state.offers(.group(W.trial), .roamingPolicies, W.noRoaming))
        history.run(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .group(W.trial), selection: .inherit)), as: "tm")
        #expect(history.state.offers(.group(W.trial), .roamingPolicies, W.noRoaming))
        given(history.events).when(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .group(W.trial), selection: .inherit)), as: history.actor("tm")).then([])
    }

    @Test func narrowingAResellerIsRefusedWhileOneOfItsGroupsHoldsTheItem() {
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.locked), selection: .explicit([W.us2G, W.usRatecard]))), as: "tm")
        given(history.events).when(.assignCatalog(AssignCatalog(kind: .bundles, level: .reseller(W.talkMail), selection: .explicit([W.usRatecard]))), as: history.actor("mike"))
            .thenRejected(.ruleViolation, containing: "Group Locked holds the bundle BUN-USN-MX2G", "bundles assign --group Locked")
    }

    @Test func removingTheDefaultItemFromALevelClearsItsDefault() {
        let tm = standard.actor("tm")
        let when = standard.when(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.trial), selection: .explicit([W.us2G]))), as: tm)
        when.then([
            .catalogAssigned(CatalogAssigned(kind: .bundles, level: .group(W.trial), reseller: W.talkMail, before: .inherit, after: .explicit([W.us2G]))),
            .catalogDefaultCleared(CatalogDefaultCleared(kind: .bundle, level: .group(W.trial), reseller: W.talkMail, item: W.usRatecard)),
        ])
        #expect(when.stateAfter.group(W.trial)?.catalog.defaultBundle == nil)
    }

    @Test func narrowingAResellerClearsTheDefaultsOfItsInheritingGroups() {
        let events = standard.when(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .reseller(W.talkMail), selection: .explicit([W.noRoaming]))), as: mike).thenAccepted()
        let cleared = events.compactMap { event -> Name? in
            if case .catalogDefaultCleared(let c) = event { return c.level.name } else { return nil }
        }
        #expect(cleared == [W.locked, W.trial])
        let after = InMemoryState(replaying: World.standard + events)
        #expect(after.group(W.trial)?.catalog.defaultRoamingPolicy == nil)
        #expect(after.group(W.acInternal)?.catalog.defaultRoamingPolicy == W.unrestricted)
    }

    @Test func networkProfilesAreNeverInherited() {
        standard.when(.assignCatalog(AssignCatalog(kind: .networkProfiles, level: .group(W.trial), selection: .inherit)), as: mike)
            .thenRejected(.malformed, containing: "Network profiles are never inherited")
        var history = History(World.standard)
        history.run(.createGroup(CreateGroup(name: name("Fresh"), reseller: W.talkMail, domain: W.tenantAC, homeLocations: [country("USA")])), as: "tm")
        #expect(history.state.group(name("Fresh"))?.catalog.networkProfiles == [])
        #expect(!history.state.offers(.group(name("Fresh")), .networkProfiles, W.mobileX))
    }

    @Test func aGroupsNetworkProfilesAreAmongItsResellers() {
        standard.when(.assignNetworkProfiles(AssignNetworkProfiles(level: .group(W.acInternal), profiles: [W.mobileX, W.tangoExt])), as: mike)
            .thenRejected(.ruleViolation, containing: "Reseller AudioCodes_Reseller does not offer the network profile TangoExt")
        standard.when(.assignNetworkProfiles(AssignNetworkProfiles(level: .reseller(W.talkMail), profiles: [W.tangoExt])), as: mike)
            .thenRejected(.ruleViolation, containing: "Group Locked holds the network profile Mobile-X")
    }

    @Test func aDefaultMustBeAmongTheItemsTheLevelHas() {
        var history = History(World.standard)
        history.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.locked), selection: .explicit([W.usRatecard]))), as: "tm")
        given(history.events).when(.setDefault(SetCatalogDefault(kind: .bundle, level: .group(W.locked), item: W.uk2G)), as: history.actor("tm"))
            .thenRejected(.ruleViolation, containing: "bundle BUN-UKN-MX2G is not among the bundles of group Locked")
        standard.when(.setDefault(SetCatalogDefault(kind: .networkProfile, level: .group(W.trial), item: W.tangoExt)), as: mike)
            .thenRejected(.ruleViolation, containing: "network profile TangoExt is not among the network-profiles of group Trial")
        standard.when(.setDefault(SetCatalogDefault(kind: .bundle, level: .group(W.trial), item: W.us2G)), as: mike)
            .then([.catalogDefaultSet(CatalogDefaultSet(kind: .bundle, level: .group(W.trial), reseller: W.talkMail, before: W.usRatecard, after: W.us2G))])
    }

    @Test func aResellerHasNoDefaultRoamingPolicy() {
        standard.when(.setDefault(SetCatalogDefault(kind: .roamingPolicy, level: .reseller(W.talkMail), item: W.unrestricted)), as: mike)
            .thenRejected(.ruleViolation, containing: "A reseller has no default roaming policy")
    }

    @Test func limitSIMAccessIsRecordedWhenItChanges() {
        let tm = standard.actor("tm")
        standard.when(.setGroupSIMAccess(SetGroupSIMAccess(group: W.trial, limitSIMAccess: true)), as: tm)
            .then([.groupSIMAccessChanged(GroupSIMAccessChanged(group: W.trial, reseller: W.talkMail, limitSIMAccessBefore: false, limitSIMAccess: true))])
        standard.when(.setGroupSIMAccess(SetGroupSIMAccess(group: W.locked, limitSIMAccess: true)), as: tm).then([])
    }
}
