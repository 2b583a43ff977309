/// Where in the hierarchy a change or a read lands.
public enum Scope: Hashable, Sendable {
    /// The whole store: settings, catalog, stock, distributor users.
    case store
    case reseller(Name)
    /// A group, with the reseller it belongs to.
    case group(Name, reseller: Name)

    public var reseller: Name? {
        switch self {
        case .store: nil
        case .reseller(let name), .group(_, reseller: let name): name
        }
    }

    public var spoken: String {
        switch self {
        case .store: "the whole store"
        case .reseller(let name): "reseller \(name.rawValue)"
        case .group(let name, _): "group \(name.rawValue)"
        }
    }
}
