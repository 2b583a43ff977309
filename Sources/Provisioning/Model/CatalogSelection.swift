/// What a reseller or group holds of one kind of catalog item: its parent's, live,
/// or an explicit set chosen with "Manage" (guide 6-8).
public enum CatalogSelection: Hashable, Sendable {
    /// Follows the parent: what the parent offers now, including what is added later.
    case inherit
    /// Exactly these items, sorted, whatever the parent adds later.
    case explicit([CatalogCode])

    /// An explicit set, sorted and without duplicates so that equal sets encode equally.
    public static func explicitSet(_ codes: some Sequence<CatalogCode>) -> CatalogSelection {
        .explicit(Array(Set(codes)).sorted())
    }

    public var explicitCodes: [CatalogCode]? {
        if case .explicit(let codes) = self { codes } else { nil }
    }

    /// "inherit" or the codes joined with commas, for messages and the log.
    public var rendered: String {
        switch self {
        case .inherit: "inherit"
        case .explicit(let codes): codes.isEmpty ? "(none)" : codes.map(\.rawValue).joined(separator: ",")
        }
    }
}
