/// A level of the hierarchy that holds catalog choices: a reseller or a group.
public enum CatalogLevel: Hashable, Sendable {
    case reseller(Name)
    case group(Name)

    public var name: Name {
        switch self {
        case .reseller(let name), .group(let name): name
        }
    }

    /// "reseller Talk_Mail" or "group AC_Internal", for messages.
    public var spoken: String {
        switch self {
        case .reseller(let name): "reseller \(name.rawValue)"
        case .group(let name): "group \(name.rawValue)"
        }
    }

    public var tag: String {
        switch self {
        case .reseller(let name): Tag.reseller(name)
        case .group(let name): Tag.group(name)
        }
    }
}
