import Provisioning
import Testing

extension Values {
    @Suite("IMSI") struct IMSITests {
        @Test(arguments: [
            ("234150000000001", "234150000000001"),
            ("123456", "123456"),
            (" 310260000000000\n", "310260000000000"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try IMSI(input).rawValue == expected)
        }

        @Test(arguments: [
            ("", "6 to 15 digits"),
            ("12345", "6 to 15 digits"),
            ("2341500000000012", "at most 15"),
            ("23415000000000A", "only digits"),
            ("234 150000000001", "only digits"),
            ("+234150000000001", "only digits"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "IMSI", rule: rule) { try IMSI($0) }
        }

        @Test func orderAndIdentity() throws {
            #expect(try IMSI("234150000000001") < IMSI("310260000000000"))
            #expect(IMSI(unchecked: "123456") == (try IMSI(" 123456 ")))
            #expect(try IMSI("123456").description == "123456")
        }
    }

    @Suite("PhoneNumber") struct PhoneNumberTests {
        @Test("spaces, dashes and one leading + are stripped", arguments: [
            ("18332954087", "18332954087"),
            ("+1 214-555-1000", "12145551000"),
            ("+44 20 7946 0000", "442079460000"),
            ("1-214-555-1001", "12145551001"),
            ("\t4207946004 ", "4207946004"),
            ("1234567", "1234567"),
            ("123456789012345", "123456789012345"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try PhoneNumber(input).rawValue == expected)
        }

        @Test(arguments: [
            ("", "empty"),
            ("+", "empty"),
            ("0123456789", "starts with 0"),
            ("+0441234567", "starts with 0"),
            ("123456", "6 digits"),
            ("1234567890123456", "16 digits"),
            ("++12145551000", "found '+'"),
            ("1214+5551000", "found '+'"),
            ("(214) 555-1000", "found '('"),
            ("1214555100O", "found 'O'"),
        ])
        func rejected(_ input: String, _ detail: String) {
            expectRejected(input, field: "phone number", rule: "E.164 digits without +, 7 to 15 digits, not starting with 0") {
                try PhoneNumber($0)
            }
            expectRejected(input, field: "phone number", rule: detail) { try PhoneNumber($0) }
        }

        @Test func orderIsNumericShorterFirst() throws {
            #expect(try PhoneNumber("9999999") < PhoneNumber("10000000"))
            #expect(try PhoneNumber("12145551000") < PhoneNumber("12145551001"))
            #expect(try [PhoneNumber("4420794600001"), PhoneNumber("18332954087"), PhoneNumber("9999999")].sorted().map(\.rawValue)
                == ["9999999", "18332954087", "4420794600001"])
            #expect(PhoneNumber(unchecked: "12145551000") == (try PhoneNumber("+1 214 555 1000")))
        }
    }

    @Suite("Extension") struct ExtensionTests {
        @Test(arguments: ["1000", "1", "123456789012345"])
        func accepted(_ input: String) throws {
            #expect(try Extension(input).rawValue == input)
            #expect(try Extension(" \(input) ").rawValue == input)
        }

        @Test(arguments: [
            ("", "1 to 15 digits"),
            ("1234567890123456", "1 to 15 digits"),
            ("10a", "only digits"),
            ("*79", "only digits"),
            ("10 01", "only digits"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "extension", rule: rule) { try Extension($0) }
        }
    }

    @Suite("DialString") struct DialStringTests {
        @Test(arguments: ["*79", "6245", "#31#", "*", "*#0123456789#*1"])
        func accepted(_ input: String) throws {
            #expect(try DialString(input).rawValue == input)
        }

        @Test(arguments: [
            ("", "1 to 15"),
            ("*#0123456789#*12", "1 to 15"),
            ("*79a", "digits 0-9, * and #"),
            ("+44", "digits 0-9, * and #"),
            ("*7 9", "digits 0-9, * and #"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "dial string", rule: rule) { try DialString($0) }
        }

        @Test func trimmedAndOrdered() throws {
            #expect(try DialString(" *79\n").rawValue == "*79")
            #expect(try DialString("*79") < DialString("6245"))
        }
    }
}
