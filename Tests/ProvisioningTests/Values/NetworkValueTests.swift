import Provisioning
import Testing

extension Values {
    @Suite("FQDN") struct FQDNTests {
        static let label63 = String(repeating: "a", count: 63)
        static let name253 = [String(repeating: "a", count: 63), String(repeating: "b", count: 63), String(repeating: "c", count: 63), String(repeating: "d", count: 61)]
            .joined(separator: ".")

        @Test("lower-cased", arguments: [
            ("mysippbx.com", "mysippbx.com"),
            ("SMDP.GSMA.COM", "smdp.gsma.com"),
            (" sip.Example.co.uk\n", "sip.example.co.uk"),
            ("a.b", "a.b"),
            ("xn--bcher-kva.example", "xn--bcher-kva.example"),
            ("1and1.com", "1and1.com"),
            ("a-b.c-d.io", "a-b.c-d.io"),
            ("\(label63).com", "\(label63).com"),
            (name253, name253),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try FQDN(input).rawValue == expected)
        }

        @Test(arguments: [
            ("", "must not be empty"),
            ("localhost", "at least two labels"),
            ("-sip.example.com", "must not start or end with a hyphen"),
            ("sip-.example.com", "must not start or end with a hyphen"),
            ("sip..example.com", "empty label"),
            (".example.com", "empty label"),
            ("example.com.", "empty label"),
            ("10.0.0.1", "must not be all digits"),
            ("exa_mple.com", "only letters, digits, hyphens and dots, found '_'"),
            ("bücher.de", "found 'ü'"),
            ("sip example.com", "found a space"),
            ("sip.example.com:5061", "found ':'"),
            (String(repeating: "a", count: 64) + ".com", "at most 63 characters"),
            (name253 + "d", "at most 253 characters, has 254"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "domain name", rule: rule) { try FQDN($0) }
        }
    }

    @Suite("ActivationCode") struct ActivationCodeTests {
        static let sample = "LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815"

        @Test("normalised: LPA: prefix, lower-case address, matching ID as given", arguments: [
            (sample, "LPA:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F815"),
            ("lpa:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F815", "LPA:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F815"),
            (" Lpa:1$rsp.example.com$abc-DEF\n", "LPA:1$rsp.example.com$abc-DEF"),
            ("LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746", "LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746"),
            ("LPA:1$smdp.example.com$ABC$$1", "LPA:1$smdp.example.com$ABC$$1"),
            ("LPA:1$smdp.example.com$ABC$1.2.3$1", "LPA:1$smdp.example.com$ABC$1.2.3$1"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try ActivationCode(input).rawValue == expected)
        }

        @Test func parts() throws {
            let code = try ActivationCode(Self.sample)
            #expect(code.smdpAddress == (try FQDN("smdp.gsma.com")))
            #expect(code.matchingID == "04386-AGYFT-A74Y8-3F815")
            #expect(code.smdpOID == nil)
            #expect(!code.confirmationCodeRequired)
            let full = try ActivationCode("LPA:1$smdp.example.com$ABC$1.2.3$1")
            #expect(full.smdpAddress.rawValue == "smdp.example.com")
            #expect(full.matchingID == "ABC")
            #expect(full.smdpOID == "1.2.3")
            #expect(full.confirmationCodeRequired)
            let flagged = try ActivationCode("LPA:1$smdp.example.com$ABC$$1")
            #expect(flagged.smdpOID == nil)
            #expect(flagged.confirmationCodeRequired)
        }

        @Test("the fingerprint is SHA-256 of the normalised code, first 16 bytes in hex")
        func fingerprintIsStable() throws {
            let code = try ActivationCode(Self.sample)
            // printf '%s' 'LPA:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F815' | sha256sum | cut -c1-32
            #expect(code.fingerprint == "sha256:1380265205a4f4b7d453a2c9c0e0b050")
            #expect(try ActivationCode("lpa:1$Smdp.Gsma.Com$04386-AGYFT-A74Y8-3F815").fingerprint == code.fingerprint)
            #expect(ActivationCode(unchecked: code.rawValue).fingerprint == code.fingerprint)
            #expect(try ActivationCode("LPA:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F816").fingerprint != code.fingerprint)
            #expect(code.fingerprint.utf8.count == "sha256:".utf8.count + 32)
        }

        @Test("the code never appears in its description, debug description or mirror")
        func descriptionHidesTheCode() throws {
            let code = try ActivationCode(Self.sample)
            let secret = "04386-AGYFT-A74Y8-3F815"
            #expect(code.description == "ActivationCode(\(code.fingerprint))")
            var dumped = ""
            dump(code, to: &dumped)
            for shown in [code.description, "\(code)", String(describing: code), String(reflecting: code), "\([code])", dumped] {
                #expect(!shown.contains(secret), "\(shown)")
                #expect(!shown.lowercased().contains("smdp.gsma.com$"), "\(shown)")
            }
            #expect(code.rawValue.contains(secret))
        }

        @Test(arguments: [
            ("1$smdp.example.com$ABC", "must start with LPA:"),
            ("LPA1$smdp.example.com$ABC", "must start with LPA:"),
            ("", "must start with LPA:"),
            ("LPA:2$smdp.example.com$ABC", "format must be 1"),
            ("LPA:$smdp.example.com$ABC", "format must be 1"),
            ("LPA:1$smdp.example.com", "must have an SM-DP+ address and a matching ID"),
            ("LPA:1", "must have an SM-DP+ address and a matching ID"),
            ("LPA:1$localhost$ABC", "SM-DP+ address must have at least two labels"),
            ("LPA:1$$ABC", "SM-DP+ address must not be empty"),
            ("LPA:1$smdp.example.com$", "matching ID must not be empty"),
            ("LPA:1$smdp.example.com$AB_C", "matching ID may contain only A-Z a-z 0-9 and -"),
            ("LPA:1$smdp.example.com$AB C", "matching ID may contain only"),
            ("LPA:1$smdp.example.com$" + String(repeating: "M", count: 256), "at most 255 characters, has 256"),
            ("LPA:1$smdp.example.com$ABC$", "OID must not be empty unless"),
            ("LPA:1$smdp.example.com$ABC$x.y", "dotted decimal"),
            ("LPA:1$smdp.example.com$ABC$1..2", "dotted decimal"),
            ("LPA:1$smdp.example.com$ABC$$2", "flag must be 1"),
            ("LPA:1$smdp.example.com$ABC$$", "flag must be 1"),
            ("LPA:1$smdp.example.com$ABC$1.2$1$x", "too many"),
        ])
        func rejected(_ input: String, _ rule: String) {
            let error = #expect(throws: ValidationError.self) { try ActivationCode(input) }
            #expect(error?.field == "activation code")
            #expect(error?.rule.contains(rule) == true, "rule was: \(error?.rule ?? "nil")")
        }

        @Test("a rejected code is redacted in the error: it is a credential")
        func rejectionRedactsTheMatchingID() {
            let error = #expect(throws: ValidationError.self) { try ActivationCode("LPA:1$smdp.example.com$SECRET_1") }
            #expect(error?.value == "LPA:1$smdp.example.com$<redacted>")
            #expect(error?.description.contains("SECRET") == false)
            let bare = #expect(throws: ValidationError.self) { try ActivationCode("SECRET-TOKEN") }
            #expect(bare?.value == "<redacted>")
            let longer = #expect(throws: ValidationError.self) { try ActivationCode("LPA:1$smdp.example.com$SECRET$x") }
            #expect(longer?.value == "LPA:1$smdp.example.com$<redacted>")
        }

        @Test func equalityFollowsTheNormalisedCode() throws {
            #expect(try ActivationCode(Self.sample) == ActivationCode("lpa:1$smdp.gsma.com$04386-AGYFT-A74Y8-3F815"))
            #expect(try ActivationCode(Self.sample) != ActivationCode("LPA:1$smdp.gsma.com$04386-agyft-a74y8-3f815"))
        }
    }
}
