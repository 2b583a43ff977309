public import WireFormat

/// Every event of the domain. Its wire name and schema version are the stored
/// type of the record; `encodedPayload` and `decode` are the payload codec.
public enum ProvisioningEvent: Hashable, Sendable {
    // The five payloads over 104 bytes (the book-in's, the largest of the bulk events)
    // are boxed (`indirect`): an enum is as large as its largest case, and with the
    // subscriber's 376 bytes inline every event was copied at that size through the
    // decoding, its batch and `evolve` (8 % of a replay's fold). Nothing stored changes.
    indirect case storeInitialized(StoreInitialized)
    case settingsChanged(SettingsChanged)
    case userAdded(UserAdded)
    indirect case pbxAdded(PBXAdded)
    case productDefined(ProductDefined)
    case bundleDefined(BundleDefined)
    case roamingPolicyDefined(RoamingPolicyDefined)
    case networkProfileDefined(NetworkProfileDefined)
    indirect case resellerCreated(ResellerCreated)
    case groupCreated(GroupCreated)
    case groupSIMAccessChanged(GroupSIMAccessChanged)
    case catalogAssigned(CatalogAssigned)
    case catalogDefaultSet(CatalogDefaultSet)
    case catalogDefaultCleared(CatalogDefaultCleared)
    case simBookedIn(SIMBookedIn)
    case simReserved(SIMReserved)
    case simAllocated(SIMAllocated)
    case simUnallocated(SIMUnallocated)
    case simUnreserved(SIMUnreserved)
    case simActivated(SIMActivated)
    case simRetired(SIMRetired)
    case numberImported(NumberImported)
    case numberAssigned(NumberAssigned)
    case numberQuarantined(NumberQuarantined)
    case numberReleased(NumberReleased)
    indirect case subscriberProvisioned(SubscriberProvisioned)
    case subscriberFeaturesChanged(SubscriberFeaturesChanged)
    case subscriberBundleChanged(SubscriberBundleChanged)
    case subscriberRoamingPolicyChanged(SubscriberRoamingPolicyChanged)
    indirect case subscriberTerminated(SubscriberTerminated)
    case brandingChanged(BrandingChanged)

    /// The payload of whichever case this is.
    public var body: any EventBody {
        switch self {
        case .storeInitialized(let event): event
        case .settingsChanged(let event): event
        case .userAdded(let event): event
        case .pbxAdded(let event): event
        case .productDefined(let event): event
        case .bundleDefined(let event): event
        case .roamingPolicyDefined(let event): event
        case .networkProfileDefined(let event): event
        case .resellerCreated(let event): event
        case .groupCreated(let event): event
        case .groupSIMAccessChanged(let event): event
        case .catalogAssigned(let event): event
        case .catalogDefaultSet(let event): event
        case .catalogDefaultCleared(let event): event
        case .simBookedIn(let event): event
        case .simReserved(let event): event
        case .simAllocated(let event): event
        case .simUnallocated(let event): event
        case .simUnreserved(let event): event
        case .simActivated(let event): event
        case .simRetired(let event): event
        case .numberImported(let event): event
        case .numberAssigned(let event): event
        case .numberQuarantined(let event): event
        case .numberReleased(let event): event
        case .subscriberProvisioned(let event): event
        case .subscriberFeaturesChanged(let event): event
        case .subscriberBundleChanged(let event): event
        case .subscriberRoamingPolicyChanged(let event): event
        case .subscriberTerminated(let event): event
        case .brandingChanged(let event): event
        }
    }

    public var wireName: String { body.wireName }
    public var schemaVersion: UInt32 { body.schemaVersion }
    public var tags: [String] { body.tags }
    public var summary: String { body.summary }
    public var fields: [(String, String)] { body.fields }

    /// The SIM transition, for a `sim.` event.
    public var simTransition: (iccid: ICCID, before: SIMStatus?, after: SIMStatus)? {
        guard let sim = body as? any SIMEventPayload else { return nil }
        return (sim.iccid, sim.statusBefore, sim.statusAfter)
    }

    /// The wire name and schema version, with the payload encoded into `writer` and
    /// the tags written to `tags` (`EventBody.writeTags`): what the log needs, in one
    /// switch. (`body` boxes the payload in an existential on every call; a book-in of a
    /// million SIMs asked it four times per event.)
    public func encode(into writer: inout ByteWriter, tags: inout some TagSink) -> (wireName: String, schemaVersion: UInt32) {
        func encode<Body: EventBody>(_ body: Body) -> (wireName: String, schemaVersion: UInt32) {
            body.encodePayload(into: &writer)
            body.writeTags(to: &tags)
            return (body.wireName, body.schemaVersion)
        }
        return switch self {
        case .storeInitialized(let event): encode(event)
        case .settingsChanged(let event): encode(event)
        case .userAdded(let event): encode(event)
        case .pbxAdded(let event): encode(event)
        case .productDefined(let event): encode(event)
        case .bundleDefined(let event): encode(event)
        case .roamingPolicyDefined(let event): encode(event)
        case .networkProfileDefined(let event): encode(event)
        case .resellerCreated(let event): encode(event)
        case .groupCreated(let event): encode(event)
        case .groupSIMAccessChanged(let event): encode(event)
        case .catalogAssigned(let event): encode(event)
        case .catalogDefaultSet(let event): encode(event)
        case .catalogDefaultCleared(let event): encode(event)
        case .simBookedIn(let event): encode(event)
        case .simReserved(let event): encode(event)
        case .simAllocated(let event): encode(event)
        case .simUnallocated(let event): encode(event)
        case .simUnreserved(let event): encode(event)
        case .simActivated(let event): encode(event)
        case .simRetired(let event): encode(event)
        case .numberImported(let event): encode(event)
        case .numberAssigned(let event): encode(event)
        case .numberQuarantined(let event): encode(event)
        case .numberReleased(let event): encode(event)
        case .subscriberProvisioned(let event): encode(event)
        case .subscriberFeaturesChanged(let event): encode(event)
        case .subscriberBundleChanged(let event): encode(event)
        case .subscriberRoamingPolicyChanged(let event): encode(event)
        case .subscriberTerminated(let event): encode(event)
        case .brandingChanged(let event): encode(event)
        }
    }

    public func encodePayload(into writer: inout ByteWriter) {
        body.encodePayload(into: &writer)
    }

    public var encodedPayload: [UInt8] {
        var writer = ByteWriter(capacity: 96)
        encodePayload(into: &writer)
        return writer.bytes
    }
}
