public import WireFormat

/// `branding.changed` v1 (guide 14): what changed of a reseller's branding. A nil
/// field and a missing document kind are left as they were. Documents are recorded
/// by content hash, size and media type; their bytes are in the document store.
public struct BrandingChanged: EventPayload {
    public static let wireName = "branding.changed"
    public static let schemaVersion: UInt32 = 1

    public var reseller: Name
    public var productName: DisplayText?
    public var supportEmail: Email?
    public var documents: [BrandingDocument]

    public var tags: [String] { [Tag.reseller(reseller)] }
    public var summary: String {
        var parts: [String] = []
        if let productName { parts.append("product name \"\(productName)\"") }
        if let supportEmail { parts.append("support email \(supportEmail)") }
        parts += documents.map { "\($0.kind.rawValue) \($0.contentHash.prefix(19)) (\($0.size) bytes)" }
        return "branding of \(reseller): " + parts.joined(separator: ", ")
    }
    public var fields: [(String, String)] {
        [("reseller", reseller.rawValue), ("product-name", productName.text), ("support-email", supportEmail.text)]
            + documents.flatMap { document in
                [
                    ("\(document.kind.rawValue)-hash", document.contentHash),
                    ("\(document.kind.rawValue)-size", String(document.size)),
                    ("\(document.kind.rawValue)-media-type", document.mediaType),
                ]
            }
    }

    public func encodePayload(into writer: inout ByteWriter) {
        writer.write(reseller)
        writer.write(productName)
        writer.write(supportEmail)
        writer.write(documents)
    }
}

extension BrandingChanged {
    public init(payload reader: inout ByteReader) throws {
        reseller = try reader.read(Name.self)
        productName = try reader.readOptional(DisplayText.self)
        supportEmail = try reader.readOptional(Email.self)
        documents = try reader.readBrandingDocuments()
    }
}
