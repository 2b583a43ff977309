/// The tags an event is indexed by: `kind:key`, the keys of `audit` and of the
/// time travel of one item. Their spelling is part of the storage format.
public enum Tag {
    public static let simPrefix = "sim:"
    public static let resellerPrefix = "reseller:"
    public static let groupPrefix = "group:"

    public static func sim(_ iccid: ICCID) -> String { simPrefix + iccid.rawValue }
    public static func number(_ number: PhoneNumber) -> String { "number:\(number.rawValue)" }
    public static func subscriber(_ subUID: SubUID) -> String { "subscriber:\(subUID.rawValue)" }
    public static func group(_ name: Name) -> String { groupPrefix + name.rawValue }
    public static func reseller(_ name: Name) -> String { resellerPrefix + name.rawValue }
    public static func distributor(_ name: Name) -> String { "distributor:\(name.rawValue)" }
    public static func user(_ username: Username) -> String { "user:\(username.rawValue)" }
    public static func pbx(_ name: CatalogCode) -> String { "pbx:\(name.rawValue)" }
    public static func catalogItem(_ kind: CatalogKind, _ code: CatalogCode) -> String {
        "\(kind.tagPrefix):\(code.rawValue)"
    }
}

/// Where an event writes its tags when they need not be Strings of their own: the
/// log's encoder of a large change, which writes each tag's bytes into the record
/// (`kind:` and the key, not joined first). `EventBody.writeTags(to:)` writes what
/// `tags` lists, in that order.
public protocol TagSink {
    /// Adds the tag `prefix + key`.
    mutating func addTag(_ prefix: String, _ key: String)
}
