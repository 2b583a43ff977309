/// The documents of a reseller's branding (guide 14).
public enum BrandingDocumentKind: String, Sendable, Hashable, CaseIterable, WireEnum {
    case logo
    case terms
    case css
    case welcome
    case supportContent = "support-content"

    public static let wireOrder: [BrandingDocumentKind] = [.logo, .terms, .css, .welcome, .supportContent]

    /// The media types accepted for this slot.
    public var acceptedMediaTypes: [String] {
        switch self {
        case .logo: ["image/png", "image/jpeg"]
        case .terms: ["application/pdf", "text/html", "text/plain", "text/markdown"]
        case .css: ["text/css"]
        case .welcome, .supportContent: ["text/html", "text/plain", "text/markdown"]
        }
    }

    /// The largest accepted document: the guide's 0.05 MB for a logo (taken as
    /// 50 KiB), 1 MiB for the text documents.
    public var maximumSize: Int {
        self == .logo ? 50 * 1024 : 1024 * 1024
    }
}

/// What the log records of a branding document: the document itself is stored
/// beside the secrets, by content hash.
public struct BrandingDocument: Hashable, Sendable {
    public var kind: BrandingDocumentKind
    /// `sha256:<hex>` of the bytes: the key of the document in the document store.
    public var contentHash: String
    public var size: UInt64
    public var mediaType: String

    public init(kind: BrandingDocumentKind, contentHash: String, size: UInt64, mediaType: String) {
        self.kind = kind
        self.contentHash = contentHash
        self.size = size
        self.mediaType = mediaType
    }
}
