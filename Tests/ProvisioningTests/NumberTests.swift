import Testing

@testable import Provisioning

@Suite("Number inventory")
struct NumberTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }
    let fresh = phone("442079460000")

    @Test func importRecordsOneEventPerNumber() {
        standard.when(.importNumbers(ImportNumbers(reseller: W.talkMail, numbers: [fresh, phone("442079460001")])), as: standard.actor("tm"))
            .then([.numberImported(NumberImported(number: fresh, reseller: W.talkMail)), .numberImported(NumberImported(number: phone("442079460001"), reseller: W.talkMail))])
        standard.when(.importNumbers(ImportNumbers(reseller: name("Nobody"), numbers: [fresh])), as: mike).thenRejected(.notFound, containing: "Reseller Nobody")
        standard.when(.importNumbers(ImportNumbers(reseller: W.talkMail, numbers: [fresh, fresh])), as: mike).thenRejected(.malformed, containing: "listed twice")
    }

    @Test func aNumberIsUniqueInTheWholeStore() {
        standard.when(.importNumbers(ImportNumbers(reseller: W.acReseller, numbers: [fresh, W.number1])), as: mike)
            .thenRejected(.ruleViolation, containing: "Number 18332954087 is already in the inventory of reseller Talk_Mail (AVAILABLE)")
    }

    @Test func terminationQuarantinesTheNumberForTheSetNumberOfDays() {
        var history = History(World.withAdele.events)
        history.run(.changeSettings(ChangeSettings(numberQuarantineDays: 90)), as: "mike")
        let when = given(history.events).when(.terminateSubscriber(TerminateSubscriber(subUID: World.withAdele.adele, reason: .nonPayment)), as: mike, at: t0.plus(days: 3))
        let quarantined = when.events.compactMap { event -> NumberQuarantined? in
            if case .numberQuarantined(let q) = event { q } else { nil }
        }
        #expect(quarantined.map(\.until) == [t0.plus(days: 93)])
        let number = when.stateAfter.number(W.number1)!
        #expect(number.status(at: t0.plus(days: 92)) == .quarantined)
        #expect(number.status(at: t0.plus(days: 93)) == .available)
    }

    @Test func aQuarantinedNumberIsAvailableAgainOnceItsDateHasPassed() {
        var history = History(World.withAdele.events)
        history.run(.terminateSubscriber(TerminateSubscriber(subUID: World.withAdele.adele, reason: .contractEnded)), as: "tm", at: t0)
        let world = given(history.events)
        world.when(World.provisionAdele(name: "Again"), as: mike, at: t0.plus(days: 44))
            .thenRejected(.ruleViolation, containing: "Number 18332954087 is QUARANTINED until 2026-02-15")
        let events = world.when(World.provisionAdele(name: "Again"), as: mike, at: t0.plus(days: 45)).thenAccepted()
        #expect(events.contains { $0.wireName == "number.assigned" })
    }

    @Test func releaseEndsAQuarantineEarly() {
        var history = History(World.withAdele.events)
        history.run(.terminateSubscriber(TerminateSubscriber(subUID: World.withAdele.adele, reason: .contractEnded)), as: "tm", at: t0)
        let world = given(history.events)
        let when = world.when(.releaseNumbers(ReleaseNumbers(numbers: [W.number1])), as: world.actor("tm"), at: t0.plus(days: 1))
        when.then([.numberReleased(NumberReleased(number: W.number1, reseller: W.talkMail, quarantinedUntil: t0.plus(days: 45)))])
        #expect(when.stateAfter.number(W.number1)?.status(at: t0.plus(days: 1)) == .available)
        world.when(.releaseNumbers(ReleaseNumbers(numbers: [W.number1])), as: mike, at: t0.plus(days: 46))
            .thenRejected(.ruleViolation, containing: "already AVAILABLE (its quarantine ended at 2026-02-15")
        world.when(.releaseNumbers(ReleaseNumbers(numbers: [W.number1])), as: world.actor("tmd")).thenRejected(.forbidden)
    }

    @Test func onlyAQuarantinedNumberCanBeReleased() {
        given(World.withAdele.events).when(.releaseNumbers(ReleaseNumbers(numbers: [W.number1])), as: mike)
            .thenRejected(.ruleViolation, containing: "ASSIGNED to subscriber", "terminate the subscriber first")
        standard.when(.releaseNumbers(ReleaseNumbers(numbers: [W.number2])), as: mike).thenRejected(.ruleViolation, containing: "already AVAILABLE")
        standard.when(.releaseNumbers(ReleaseNumbers(numbers: [fresh])), as: mike).thenRejected(.notFound, containing: "Number 442079460000 is not in any inventory")
    }

    @Test func aSubscriberGetsOnlyAnAvailableNumberOfItsResellersInventory() {
        standard.when(World.provisionAdele(number: W.acNumber), as: mike)
            .thenRejected(.ruleViolation, containing: "Number 14155550100 belongs to reseller AudioCodes_Reseller, not Talk_Mail")
        given(World.withAdele.events).when(World.provisionAdele(name: "Other"), as: mike)
            .thenRejected(.ruleViolation, containing: "Number 18332954087 is ASSIGNED")
        standard.when(World.provisionAdele(number: fresh), as: mike).thenRejected(.notFound, containing: "Number 442079460000")
    }
}
