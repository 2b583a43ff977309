public import WireFormat

/// Every event of the domain. Its wire name and schema version are the stored
/// type of the record; `encodedPayload` and `decode` are the payload codec.
public enum ProvisioningEvent: Hashable, Sendable {
    case storeInitialized(StoreInitialized)
    case settingsChanged(SettingsChanged)
    case userAdded(UserAdded)
    case pbxAdded(PBXAdded)
    case productDefined(ProductDefined)
    case bundleDefined(BundleDefined)
    case roamingPolicyDefined(RoamingPolicyDefined)
    case networkProfileDefined(NetworkProfileDefined)
    case resellerCreated(ResellerCreated)
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
    case subscriberProvisioned(SubscriberProvisioned)
    case subscriberFeaturesChanged(SubscriberFeaturesChanged)
    case subscriberBundleChanged(SubscriberBundleChanged)
    case subscriberRoamingPolicyChanged(SubscriberRoamingPolicyChanged)
    case subscriberTerminated(SubscriberTerminated)
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

    public func encodePayload(into writer: inout ByteWriter) {
        body.encodePayload(into: &writer)
    }

    public var encodedPayload: [UInt8] {
        var writer = ByteWriter(capacity: 96)
        encodePayload(into: &writer)
        return writer.bytes
    }
}
