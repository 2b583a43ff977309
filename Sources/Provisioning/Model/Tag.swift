/// The tags an event is indexed by: `kind:key`, the keys of `audit` and of the
/// time travel of one item. Their spelling is part of the storage format.
public enum Tag {
    public static func sim(_ iccid: ICCID) -> String { "sim:" + iccid.rawValue }
    public static func number(_ number: PhoneNumber) -> String { "number:\(number.rawValue)" }
    public static func subscriber(_ subUID: SubUID) -> String { "subscriber:\(subUID.rawValue)" }
    public static func group(_ name: Name) -> String { "group:\(name.rawValue)" }
    public static func reseller(_ name: Name) -> String { "reseller:\(name.rawValue)" }
    public static func distributor(_ name: Name) -> String { "distributor:\(name.rawValue)" }
    public static func user(_ username: Username) -> String { "user:\(username.rawValue)" }
    public static func pbx(_ name: CatalogCode) -> String { "pbx:\(name.rawValue)" }
    public static func catalogItem(_ kind: CatalogKind, _ code: CatalogCode) -> String {
        "\(kind.tagPrefix):\(code.rawValue)"
    }
}
