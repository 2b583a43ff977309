import Crypto
import Foundation
import Testing

@testable import Provisioning

@Suite("Branding and terms")
struct BrandingTests {
    let standard = given(World.standard)
    var mike: Actor { standard.actor("mike") }
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)

    func hash(_ bytes: [UInt8]) -> String {
        "sha256:" + SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    @Test func brandingRecordsHashesAndHandsTheDocumentsBack() {
        let terms = Array("You agree.".utf8)
        let when = standard.when(.setBranding(SetBranding(reseller: W.talkMail, productName: text("Talk Mobile"), supportEmail: email("help@talk.example"), documents: [BrandingUpload(kind: .logo, mediaType: "image/png", bytes: png), BrandingUpload(kind: .terms, mediaType: "text/plain", bytes: terms)])), as: mike)
        when.then([.brandingChanged(BrandingChanged(reseller: W.talkMail, productName: text("Talk Mobile"), supportEmail: email("help@talk.example"), documents: [
            BrandingDocument(kind: .logo, contentHash: hash(png), size: 108, mediaType: "image/png"),
            BrandingDocument(kind: .terms, contentHash: hash(terms), size: 10, mediaType: "text/plain"),
        ]))])
        #expect(when.decision?.documents == [DocumentToStore(contentHash: hash(png), mediaType: "image/png", bytes: png), DocumentToStore(contentHash: hash(terms), mediaType: "text/plain", bytes: terms)])
        #expect(!when.events[0].encodedPayload.starts(with: png))
        #expect(when.stateAfter.reseller(W.talkMail)?.branding.document(.terms)?.size == 10)
        given(World.standard + when.events).when(.setBranding(SetBranding(reseller: W.talkMail, productName: text("Talk Mobile"), documents: [BrandingUpload(kind: .logo, mediaType: "image/png", bytes: png)])), as: mike).then([])
    }

    @Test func theLogoIsAPNGOrJPEGOfAtMost50KB() {
        func logo(_ type: String, _ bytes: [UInt8]) -> Command {
            .setBranding(SetBranding(reseller: W.talkMail, documents: [BrandingUpload(kind: .logo, mediaType: type, bytes: bytes)]))
        }
        standard.when(logo("image/gif", png), as: mike).thenRejected(.malformed, containing: "accepted: image/png, image/jpeg")
        standard.when(logo("image/jpeg", png), as: mike).thenRejected(.malformed, containing: "not a image/jpeg image")
        standard.when(logo("image/png", png + Array(repeating: 0, count: 51_200)), as: mike).thenRejected(.malformed, containing: "at most 51200")
        standard.when(logo("image/jpeg", [0xFF, 0xD8, 0xFF, 0xE0]), as: mike).thenAccepted()
    }

    @Test func brandingIsTheDistributorsAndNeedsSomethingToChange() {
        standard.when(.setBranding(SetBranding(reseller: W.talkMail, productName: text("Mine"))), as: standard.actor("tm"))
            .thenRejected(.forbidden, containing: "may not change branding")
        standard.when(.setBranding(SetBranding(reseller: W.talkMail)), as: mike).thenRejected(.malformed, containing: "branding set needs something")
        standard.when(.setBranding(SetBranding(reseller: name("Nobody"), productName: text("x"))), as: mike).thenRejected(.notFound)
    }
}
