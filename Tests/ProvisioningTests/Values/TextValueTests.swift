import Provisioning
import Testing

extension Values {
    @Suite("Description") struct DescriptionTests {
        @Test(arguments: [
            ("Reseller Demo and POC", "Reseller Demo and POC"),
            ("  Voiceflex: Reseller \n", "Voiceflex: Reseller"),
            ("abc", "abc"),
            ("Société Générale", "Société Générale"),
            (String(repeating: "d", count: 100), String(repeating: "d", count: 100)),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try Description(input).rawValue == expected)
        }

        @Test func countsCharactersNotScalarsOrBytes() throws {
            // Three characters written as six scalars (e + combining acute accent).
            let decomposed = "e\u{301}e\u{301}e\u{301}"
            #expect(try Description(decomposed).rawValue == decomposed)
            #expect(try Description(String(repeating: "é", count: 100)).rawValue.count == 100)
            expectRejected("e\u{301}e\u{301}", field: "description", rule: "3 to 100 characters, has 2") { try Description($0) }
        }

        @Test(arguments: [
            ("ab", "3 to 100 characters, has 2"),
            ("   ab   ", "3 to 100 characters, has 2"),
            ("", "3 to 100 characters, has 0"),
            (String(repeating: "d", count: 101), "3 to 100 characters, has 101"),
            ("ACME\nLtd", "control characters"),
            ("ACME\tLtd", "control characters"),
            ("ACME\u{0}Ltd", "control characters"),
            ("ACME\u{2028}Ltd", "control characters"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "description", rule: rule) { try Description($0) }
        }
    }

    @Suite("DisplayText") struct DisplayTextTests {
        @Test(arguments: [
            ("Adele", "Adele"),
            (" Vance ", "Vance"),
            ("123 State St", "123 State St"),
            ("X", "X"),
            ("Zoë O'Brien-Smith", "Zoë O'Brien-Smith"),
            (String(repeating: "t", count: 200), String(repeating: "t", count: 200)),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try DisplayText(input, field: "first name").rawValue == expected)
            #expect(try DisplayText(input).rawValue == expected)
        }

        @Test("the error names the field the caller gives", arguments: [
            ("", "must not be empty"),
            (" \n ", "must not be empty"),
            (String(repeating: "t", count: 201), "at most 200 characters, has 201"),
            ("Suite\r\n100", "control characters"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "first name", rule: rule) { try DisplayText($0, field: "first name") }
            expectRejected(input, field: "city", rule: rule) { try DisplayText($0, field: "city") }
            expectRejected(input, field: "text", rule: rule) { try DisplayText($0) }
        }
    }

    @Suite("SPN") struct SPNTests {
        @Test(arguments: [
            ("Mobile-X", "Mobile-X"),
            ("TangoExt", "TangoExt"),
            (" My Operator ", "My Operator"),
            ("S", "S"),
            ("0123456789abcdef", "0123456789abcdef"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try SPN(input).rawValue == expected)
        }

        @Test(arguments: [
            ("", "must not be empty"),
            ("0123456789abcdefg", "at most 16 characters, has 17"),
            ("Mobilé", "printable ASCII"),
            ("Mobile\tX", "printable ASCII"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "SPN", rule: rule) { try SPN($0) }
        }
    }

    @Suite("Email") struct EmailTests {
        @Test("the domain part is lower-cased, the local part kept", arguments: [
            ("AdeleV@M365x17108666.OnMicrosoft.com", "AdeleV@m365x17108666.onmicrosoft.com"),
            ("  Mike.Dubb@audiocodes.com\n", "Mike.Dubb@audiocodes.com"),
            ("support@tango-networks.com", "support@tango-networks.com"),
            ("o'brien+tag@example.co.uk", "o'brien+tag@example.co.uk"),
            ("josé@example.com", "josé@example.com"),
            ("a@b.co", "a@b.co"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            let email = try Email(input)
            #expect(email.rawValue == expected)
            #expect(email.description == expected)
        }

        @Test func partsAndEquality() throws {
            let email = try Email("AdeleV@M365x17108666.OnMicrosoft.com")
            #expect(email.localPart == "AdeleV")
            #expect(email.domain == "m365x17108666.onmicrosoft.com")
            #expect(try Email("A@X.COM") == Email("A@x.com"))
            #expect(try Email("A@x.com") != Email("a@x.com"))
        }

        @Test(arguments: [
            ("", "exactly one @"),
            ("userexample.com", "exactly one @"),
            ("a@b@example.com", "exactly one @"),
            ("@example.com", "local part"),
            ("user@", "domain part must not be empty"),
            ("user@localhost", "domain part must have at least two labels"),
            ("user@exa_mple.com", "domain part may contain only"),
            ("user@-example.com", "domain part labels must not start or end with a hyphen"),
            ("user@example..com", "domain part must not have an empty label"),
            ("user@example.com.", "domain part must not have an empty label"),
            (String(repeating: "l", count: 65) + "@example.com", "local part must be at most 64"),
            (".user@example.com", "must not start or end with a dot"),
            ("user.@example.com", "must not start or end with a dot"),
            ("us..er@example.com", "two dots in a row"),
            ("us er@example.com", "local part may not contain a space"),
            ("us(er)@example.com", "local part may not contain '('"),
            ("user\u{0}@example.com", "local part may not contain U+0000"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "email", rule: rule) { try Email($0) }
        }

        @Test func atMost254CharactersInAll() throws {
            let domain189 = [String(repeating: "a", count: 63), String(repeating: "b", count: 63), String(repeating: "c", count: 61)].joined(separator: ".")
            #expect(domain189.count == 189)
            let local64 = String(repeating: "l", count: 64)
            #expect(try Email("\(local64)@\(domain189)").rawValue.count == 254)
            expectRejected("\(local64)@d.\(domain189)", field: "email", rule: "at most 254 characters, has 256") { try Email($0) }
        }
    }

    @Suite("ValidationError") struct ValidationErrorTests {
        @Test func describesFieldValueAndRule() {
            let error = ValidationError(field: "ICCID", value: "12345", rule: "must start with 89 and have 18 to 20 digits")
            #expect(error.description == "ICCID '12345' is invalid: must start with 89 and have 18 to 20 digits")
            #expect(error == ValidationError(field: "ICCID", value: "12345", rule: "must start with 89 and have 18 to 20 digits"))
            #expect(error != error.withField("SIM"))
        }
    }
}
