import Crypto

// Branding and terms of a reseller (guide 14). Documents are stored by content
// hash beside the log; the event records hash, size and media type only.
extension Decider {
    func setBranding(_ command: SetBranding) throws(Rejection) -> Decision {
        let reseller = try reseller(command.reseller)
        try permit(.manageBranding, on: .reseller(reseller.name))
        guard command.productName != nil || command.supportEmail != nil || !command.documents.isEmpty else {
            throw .malformed(
                "branding set needs something to change: --product-name, --support-email, --logo, --terms, --css or --welcome.")
        }
        if !command.documents.isEmpty {
            try requireDistinct(command.documents.map(\.kind.rawValue), what: "document kind", command: "branding set")
        }
        var recorded: [BrandingDocument] = []
        var stored: [DocumentToStore] = []
        for upload in command.documents {
            try check(upload)
            let hash = Self.contentHash(upload.bytes)
            let document = BrandingDocument(
                kind: upload.kind, contentHash: hash, size: UInt64(upload.bytes.count), mediaType: upload.mediaType)
            guard reseller.branding.document(upload.kind) != document else { continue }
            recorded.append(document)
            stored.append(DocumentToStore(contentHash: hash, mediaType: upload.mediaType, bytes: upload.bytes))
        }
        let productName = command.productName == reseller.branding.productName ? nil : command.productName
        let supportEmail = command.supportEmail == reseller.branding.supportEmail ? nil : command.supportEmail
        guard productName != nil || supportEmail != nil || !recorded.isEmpty else { return .unchanged }
        return Decision(
            events: [
                .brandingChanged(
                    BrandingChanged(
                        reseller: reseller.name, productName: productName, supportEmail: supportEmail,
                        documents: recorded))
            ],
            documents: stored)
    }

    private func check(_ upload: BrandingUpload) throws(Rejection) {
        let kind = upload.kind
        guard kind.acceptedMediaTypes.contains(upload.mediaType) else {
            throw .malformed(
                "The \(kind.rawValue) document is \(upload.mediaType); accepted: \(kind.acceptedMediaTypes.joined(separator: ", ")).")
        }
        guard !upload.bytes.isEmpty else {
            throw .malformed("The \(kind.rawValue) document is empty: give the file's content.")
        }
        guard upload.bytes.count <= kind.maximumSize else {
            throw .malformed(
                "The \(kind.rawValue) document has \(upload.bytes.count) bytes; at most \(kind.maximumSize) are accepted.")
        }
        if kind == .logo {
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
            let signature = upload.mediaType == "image/png" ? png : jpeg
            guard upload.bytes.starts(with: signature) else {
                throw .malformed("The logo is not a \(upload.mediaType) image: its first bytes are not that format's signature.")
            }
        }
    }

    /// `sha256:` and the 64 hex digits of the SHA-256 of `bytes`.
    static func contentHash(_ bytes: [UInt8]) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0F)])
        }
        return "sha256:" + String(decoding: hex, as: UTF8.self)
    }
}
