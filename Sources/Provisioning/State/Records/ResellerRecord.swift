/// A reseller (a channel, guide 4) with its catalog choices and branding.
public struct ResellerRecord: Hashable, Sendable {
    public var name: Name
    public var description: Description?
    public var homeLocations: [CountryCode]
    public var country: CountryCode
    public var address: PostalAddress
    public var catalog: CatalogChoices
    public var branding: Branding

    public init(
        name: Name, description: Description?, homeLocations: [CountryCode], country: CountryCode,
        address: PostalAddress, catalog: CatalogChoices, branding: Branding = Branding()
    ) {
        self.name = name
        self.description = description
        self.homeLocations = homeLocations
        self.country = country
        self.address = address
        self.catalog = catalog
        self.branding = branding
    }
}

/// A reseller's branding and terms (guide 14). Documents are referenced by content hash.
public struct Branding: Hashable, Sendable {
    public var productName: DisplayText?
    public var supportEmail: Email?
    /// At most one document per kind, sorted by kind.
    public var documents: [BrandingDocument]

    public init(productName: DisplayText? = nil, supportEmail: Email? = nil, documents: [BrandingDocument] = []) {
        self.productName = productName
        self.supportEmail = supportEmail
        self.documents = documents
    }

    public func document(_ kind: BrandingDocumentKind) -> BrandingDocument? {
        documents.first { $0.kind == kind }
    }

    /// Replaces the document of the same kind, keeping the list in `wireOrder`.
    public mutating func setDocument(_ document: BrandingDocument) {
        documents.removeAll { $0.kind == document.kind }
        documents.append(document)
        documents.sort { $0.kind.wireCode < $1.kind.wireCode }
    }
}
