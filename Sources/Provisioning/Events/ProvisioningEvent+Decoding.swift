import WireFormat

/// A stored event whose type this build does not know.
public struct UnknownEventType: Error, Hashable, Sendable, CustomStringConvertible {
    public var wireName: String
    public var schemaVersion: UInt32

    public var description: String { "unknown event type \(wireName) v\(schemaVersion)" }
}

extension ProvisioningEvent {
    /// Every wire name with the schema versions this build reads.
    public static let knownTypes: [(wireName: String, versions: [UInt32])] = [
        StoreInitialized.self, SettingsChanged.self, UserAdded.self, PBXAdded.self, ProductDefined.self,
        BundleDefined.self, RoamingPolicyDefined.self, NetworkProfileDefined.self, ResellerCreated.self,
        GroupCreated.self, GroupSIMAccessChanged.self, CatalogDefaultSet.self, CatalogDefaultCleared.self,
        SIMBookedIn.self, SIMReserved.self, SIMAllocated.self, SIMUnallocated.self, SIMUnreserved.self,
        SIMActivated.self, SIMRetired.self, NumberImported.self, NumberAssigned.self, NumberQuarantined.self,
        NumberReleased.self, SubscriberProvisioned.self, SubscriberFeaturesChanged.self,
        SubscriberBundleChanged.self, SubscriberRoamingPolicyChanged.self, SubscriberTerminated.self,
        BrandingChanged.self,
    ].map { (type: any EventPayload.Type) in (type.wireName, [type.schemaVersion]) }
        + CatalogKind.allCases.map { (CatalogAssigned.wireName(for: $0), [CatalogAssigned.schemaVersion]) }

    /// Decodes a stored payload. Throws `UnknownEventType` for a name or version this
    /// build does not read, and `WireFormatError` for truncated or malformed bytes.
    public static func decode(wireName: String, schemaVersion: UInt32, payload: [UInt8]) throws -> ProvisioningEvent {
        try payload.withUnsafeBytes { try decode(wireName: wireName, schemaVersion: schemaVersion, payload: $0) }
    }

    /// Decodes straight from a buffer (an LMDB value inside its transaction).
    public static func decode(
        wireName: String, schemaVersion: UInt32, payload: UnsafeRawBufferPointer
    ) throws -> ProvisioningEvent {
        // Every type is at version 1 today; a version 2 adds its own branch here and
        // keeps the version 1 reader.
        guard schemaVersion == 1 else { throw UnknownEventType(wireName: wireName, schemaVersion: schemaVersion) }
        return try ByteReader.read(unsafeBuffer: payload) { reader throws -> ProvisioningEvent in
            switch wireName {
            case SIMBookedIn.wireName: .simBookedIn(try SIMBookedIn(payload: &reader))
            case SIMReserved.wireName: .simReserved(try SIMReserved(payload: &reader))
            case SIMAllocated.wireName: .simAllocated(try SIMAllocated(payload: &reader))
            case SIMUnallocated.wireName: .simUnallocated(try SIMUnallocated(payload: &reader))
            case SIMUnreserved.wireName: .simUnreserved(try SIMUnreserved(payload: &reader))
            case SIMActivated.wireName: .simActivated(try SIMActivated(payload: &reader))
            case SIMRetired.wireName: .simRetired(try SIMRetired(payload: &reader))
            case NumberImported.wireName: .numberImported(try NumberImported(payload: &reader))
            case NumberAssigned.wireName: .numberAssigned(try NumberAssigned(payload: &reader))
            case NumberQuarantined.wireName: .numberQuarantined(try NumberQuarantined(payload: &reader))
            case NumberReleased.wireName: .numberReleased(try NumberReleased(payload: &reader))
            case SubscriberProvisioned.wireName: .subscriberProvisioned(try SubscriberProvisioned(payload: &reader))
            case SubscriberFeaturesChanged.wireName:
                .subscriberFeaturesChanged(try SubscriberFeaturesChanged(payload: &reader))
            case SubscriberBundleChanged.wireName:
                .subscriberBundleChanged(try SubscriberBundleChanged(payload: &reader))
            case SubscriberRoamingPolicyChanged.wireName:
                .subscriberRoamingPolicyChanged(try SubscriberRoamingPolicyChanged(payload: &reader))
            case SubscriberTerminated.wireName: .subscriberTerminated(try SubscriberTerminated(payload: &reader))
            case StoreInitialized.wireName: .storeInitialized(try StoreInitialized(payload: &reader))
            case SettingsChanged.wireName: .settingsChanged(try SettingsChanged(payload: &reader))
            case UserAdded.wireName: .userAdded(try UserAdded(payload: &reader))
            case PBXAdded.wireName: .pbxAdded(try PBXAdded(payload: &reader))
            case ProductDefined.wireName: .productDefined(try ProductDefined(payload: &reader))
            case BundleDefined.wireName: .bundleDefined(try BundleDefined(payload: &reader))
            case RoamingPolicyDefined.wireName: .roamingPolicyDefined(try RoamingPolicyDefined(payload: &reader))
            case NetworkProfileDefined.wireName: .networkProfileDefined(try NetworkProfileDefined(payload: &reader))
            case ResellerCreated.wireName: .resellerCreated(try ResellerCreated(payload: &reader))
            case GroupCreated.wireName: .groupCreated(try GroupCreated(payload: &reader))
            case GroupSIMAccessChanged.wireName: .groupSIMAccessChanged(try GroupSIMAccessChanged(payload: &reader))
            case CatalogDefaultSet.wireName: .catalogDefaultSet(try CatalogDefaultSet(payload: &reader))
            case CatalogDefaultCleared.wireName: .catalogDefaultCleared(try CatalogDefaultCleared(payload: &reader))
            case BrandingChanged.wireName: .brandingChanged(try BrandingChanged(payload: &reader))
            case CatalogAssigned.wireName(for: .products):
                .catalogAssigned(try CatalogAssigned(kind: .products, payload: &reader))
            case CatalogAssigned.wireName(for: .bundles):
                .catalogAssigned(try CatalogAssigned(kind: .bundles, payload: &reader))
            case CatalogAssigned.wireName(for: .roamingPolicies):
                .catalogAssigned(try CatalogAssigned(kind: .roamingPolicies, payload: &reader))
            case CatalogAssigned.wireName(for: .networkProfiles):
                .catalogAssigned(try CatalogAssigned(kind: .networkProfiles, payload: &reader))
            default:
                throw UnknownEventType(wireName: wireName, schemaVersion: schemaVersion)
            }
        }
    }
}
