import Testing
import WireFormat

@testable import Provisioning

@Suite("Event codec")
struct EventCodecTests {
    /// A history with at least one event of every type, optional fields filled
    /// where a command can fill them.
    static let everyType: [ProvisioningEvent] = {
        var h = History(World.standard)
        h.run(.changeSettings(ChangeSettings(numberQuarantineDays: 30, smdpAddress: value("smdp.mobile-x.example"))), as: "mike")
        h.run(.addPBX(AddPBX(name: code("Webex"), type: .ciscoWebex, homeLocation: .all, country: country("GBR"), domain: value("sip.example.com"), emergencyCallback: true, voicemailDeposit: value("*79"), voicemailRetrieval: value("6245#"))), as: "mike")
        h.run(.defineBundle(DefineBundle(code: code("BUN-X"), name: text("X"), description: value("A described bundle"), homeLocation: .all)), as: "mike")
        h.run(.setGroupSIMAccess(SetGroupSIMAccess(group: W.trial, limitSIMAccess: true)), as: "tm")
        h.run(.setGroupSIMAccess(SetGroupSIMAccess(group: W.trial, limitSIMAccess: false)), as: "tm")
        h.run(.assignCatalog(AssignCatalog(kind: .products, level: .group(W.trial), selection: .explicit([W.ucc]))), as: "tm")
        h.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.locked), selection: .explicit([W.us2G]))), as: "tm")
        h.run(.assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .group(W.locked), selection: .explicit([W.unrestricted]))), as: "tm")
        h.run(.bookInSIMs(BookInSIMs(sims: [SIMBookIn(iccid: iccid("894453000000085788"), imsi: value("234500000085788"), activationCode: W.activation)], simType: value("MXG-ET085"), form: .esim)), as: "mike")
        h.run(.unallocateSIMs(UnallocateSIMs(iccids: [W.trialSIM2])), as: "tm")
        h.run(.unreserveSIMs(UnreserveSIMs(iccids: [W.trialSIM2])), as: "mike")
        h.run(.retireSIMs(RetireSIMs(iccids: [W.trialSIM2], reason: .faulty)), as: "mike")
        let provisioned = h.run(.provisionSubscriber(ProvisionSubscriber(
            group: W.trial, name: name("AdeleVance"), firstName: text("Adele"), lastName: text("Vance"), email: email("adele@example.com"),
            homeLocation: country("USA"), description: value("Sales lead"), bundle: W.us2G, billingID: name("BILL-1"), networkProfile: W.mobileX,
            sim: W.trialSIM1, number: W.number1, roamingPolicy: W.noRoaming, pbx: W.teams, extensionNumber: value("1001"),
            businessNumber: phone("18332954000"), sipUser: user("adele.v"), pbxUsername: user("adele"), pbxPassword: SecretBytes(utf8: "pw"),
            features: Features(voice: true, data: false, messaging: true, hotspot: true))), as: "tm")
        guard case .subscriberProvisioned(let adele) = provisioned.events[0] else { fatalError() }
        h.run(.changeSubscriber(ChangeSubscriber(subUID: adele.subUID, features: FeatureChanges(data: true), bundle: W.usRatecard, roamingPolicy: W.unrestricted)), as: "cust")
        h.run(.terminateSubscriber(TerminateSubscriber(subUID: adele.subUID, reason: .other, note: text("moved to a competitor"))), as: "tm")
        h.run(.releaseNumbers(ReleaseNumbers(numbers: [W.number1])), as: "tm")
        h.run(.setBranding(SetBranding(reseller: W.talkMail, productName: text("Talk"), supportEmail: email("help@talk.example"), documents: [BrandingUpload(kind: .css, mediaType: "text/css", bytes: Array("a{}".utf8))])), as: "mike")
        h.run(.assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.trial), selection: .explicit([W.us2G]))), as: "tm")
        return h.events
    }()

    @Test func theSampleHistoryCoversEveryEventType() {
        let covered = Set(Self.everyType.map(\.wireName))
        let known = Set(ProvisioningEvent.knownTypes.map(\.wireName))
        #expect(covered == known)
        #expect(known.count == ProvisioningEvent.knownTypes.count, "wire names are unique")
    }

    @Test func everyEventRoundTripsThroughItsPayload() throws {
        for event in Self.everyType {
            let decoded = try ProvisioningEvent.decode(wireName: event.wireName, schemaVersion: event.schemaVersion, payload: event.encodedPayload)
            #expect(decoded == event, "\(event.wireName)")
        }
    }

    /// A sink that joins each tag's parts, as the log's encoder writes them.
    struct JoinedTags: TagSink {
        var tags: [String] = []
        mutating func addTag(_ prefix: String, _ key: String) { tags.append(prefix + key) }
    }

    /// The log's encoder takes the tags and payload through `encode(into:tags:)`
    /// (`writeTags`): the same tags in the same order as `tags`, the same payload, wire
    /// name and version as the event's own, for every type.
    @Test func tagsWrittenToASinkAreTheEventsTags() {
        for event in Self.everyType {
            var written = ByteWriter()
            var sink = JoinedTags()
            let (sinkWireName, sinkSchemaVersion) = event.encode(into: &written, tags: &sink)
            #expect(sink.tags == event.tags, "\(event.wireName)")
            #expect(written.bytes == event.encodedPayload && sinkWireName == event.wireName
                && sinkSchemaVersion == event.schemaVersion)
        }
    }

    @Test func aTruncatedPayloadThrows() {
        var seen = Set<String>()
        for event in Self.everyType where seen.insert(event.wireName).inserted {
            let payload = event.encodedPayload
            for length in 0..<payload.count {
                #expect(throws: WireFormatError.self, "\(event.wireName) cut at \(length)") {
                    try ProvisioningEvent.decode(wireName: event.wireName, schemaVersion: 1, payload: Array(payload.prefix(length)))
                }
            }
            #expect(throws: WireFormatError.self) {
                try ProvisioningEvent.decode(wireName: event.wireName, schemaVersion: 1, payload: payload + [0])
            }
        }
    }

    @Test func anUnknownNameOrVersionThrows() {
        let payload = ProvisioningEvent.simReserved(SIMReserved(iccid: W.stock1, reseller: W.talkMail)).encodedPayload
        #expect(throws: UnknownEventType(wireName: "sim.borrowed", schemaVersion: 1)) {
            try ProvisioningEvent.decode(wireName: "sim.borrowed", schemaVersion: 1, payload: payload)
        }
        #expect(throws: UnknownEventType(wireName: "sim.reserved", schemaVersion: 2)) {
            try ProvisioningEvent.decode(wireName: "sim.reserved", schemaVersion: 2, payload: payload)
        }
    }

    /// The wire names are the storage format: this list changes only by additions.
    @Test func wireNamesAreTheStableOnes() {
        #expect(ProvisioningEvent.knownTypes.map(\.wireName).sorted() == [
            "branding.changed", "bundle.defined", "catalog.bundles-assigned", "catalog.default-cleared", "catalog.default-set",
            "catalog.network-profiles-assigned", "catalog.products-assigned", "catalog.roaming-policies-assigned",
            "group.created", "group.sim-access-changed", "network-profile.defined", "number.assigned", "number.imported",
            "number.quarantined", "number.released", "pbx.added", "product.defined", "reseller.created", "roaming-policy.defined",
            "settings.changed", "sim.activated", "sim.allocated", "sim.booked-in", "sim.reserved", "sim.retired", "sim.unallocated",
            "sim.unreserved", "store.initialized", "subscriber.bundle-changed", "subscriber.features-changed", "subscriber.provisioned",
            "subscriber.roaming-policy-changed", "subscriber.terminated", "user.added",
        ])
        #expect(ProvisioningEvent.knownTypes.allSatisfy { $0.versions == [1] })
    }

    /// The exact bytes of one payload, so that a change to the encoding shows.
    @Test func theEncodingOfSIMReservedIsPinned() {
        let bytes = ProvisioningEvent.simReserved(SIMReserved(iccid: iccid("894453000000085788"), reseller: W.talkMail)).encodedPayload
        #expect(bytes == [18] + Array("894453000000085788".utf8) + [9] + Array("Talk_Mail".utf8))
    }

    @Test func tagsNameWhatEachEventTouched() {
        let activated = Self.everyType.first { $0.wireName == "sim.activated" }!
        #expect(activated.tags.contains("sim:894453000000000300"))
        #expect(activated.tags.contains("group:Trial") && activated.tags.contains("reseller:Talk_Mail"))
        #expect(activated.tags.contains { $0.hasPrefix("subscriber:s") })
        let user = Self.everyType.first { $0.wireName == "user.added" }!
        #expect(user.tags.first?.hasPrefix("user:") == true)
        for event in Self.everyType {
            #expect(!event.tags.isEmpty && event.tags.allSatisfy { $0.contains(":") }, "\(event.wireName)")
            #expect(!event.summary.isEmpty && !event.fields.isEmpty)
        }
    }
}
