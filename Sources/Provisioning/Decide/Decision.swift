/// What `decide` returns for an accepted command: the events to append (in order,
/// all in one change), and what goes beside the log in the same transaction.
public struct Decision: Hashable, Sendable {
    public var events: [ProvisioningEvent]
    /// Credentials for the secret store, keyed by the reference the events hold.
    public var secrets: [SecretToStore]
    /// Branding documents for the document store, keyed by content hash.
    public var documents: [DocumentToStore]

    public init(events: [ProvisioningEvent], secrets: [SecretToStore] = [], documents: [DocumentToStore] = []) {
        self.events = events
        self.secrets = secrets
        self.documents = documents
    }

    /// A command that changes nothing (the state is already as asked): no event.
    public static let unchanged = Decision(events: [])
}

/// A secret to keep outside the log: a PBX password (`pbx-password:<subuid>`) or an
/// eSIM activation code (`esim:<iccid>`). Its description never shows the value.
public struct SecretToStore: Hashable, Sendable, CustomStringConvertible {
    public var reference: String
    public var value: [UInt8]

    public init(reference: String, value: [UInt8]) {
        self.reference = reference
        self.value = value
    }

    public var description: String { "secret \(reference) (\(value.count) bytes)" }
}

/// A document to keep outside the log, under its content hash.
public struct DocumentToStore: Hashable, Sendable {
    /// `sha256:<64 hex digits>` of `bytes`.
    public var contentHash: String
    public var mediaType: String
    public var bytes: [UInt8]

    public init(contentHash: String, mediaType: String, bytes: [UInt8]) {
        self.contentHash = contentHash
        self.mediaType = mediaType
        self.bytes = bytes
    }
}

/// Ids made outside `decide`, so that it stays pure and a replay gives the same ids.
public struct GeneratedIDs: Hashable, Sendable {
    /// The SubUID of a subscriber provisioned by this change.
    public var nextSubUID: SubUID

    public init(nextSubUID: SubUID) {
        self.nextSubUID = nextSubUID
    }

    /// The ids for a change whose first event lands at `position`. A provisioning
    /// decision puts `subscriber.provisioned` first, so the SubUID is derived from
    /// that event's own position.
    public init(firstPosition position: UInt64) {
        nextSubUID = SubUID.generate(fromPosition: position)
    }
}
