import Provisioning
import Testing

extension Values {
    @Suite("ICCID") struct ICCIDTests {
        @Test("the guide's 18-digit ICCIDs carry no check digit and are accepted as they are",
              arguments: ["894453000000085788", "894453000000052371", "894453000000085791"])
        func guideICCIDs(_ input: String) throws {
            let iccid = try ICCID(input)
            #expect(iccid.rawValue == input)
            #expect(iccid.description == input)
            #expect(iccid.digitCount == 18)
        }

        @Test("spaces, tabs, surrounding whitespace and one trailing F are stripped", arguments: [
            ("8944 5300 0000 0857 88", "894453000000085788"),
            ("894453000000085788F", "894453000000085788"),
            ("894453000000085788f", "894453000000085788"),
            ("\t89 4453\t0000 0008 5788 F \r\n", "894453000000085788"),
            ("  894453000000052371  ", "894453000000052371"),
        ])
        func normalisation(_ input: String, _ expected: String) throws {
            #expect(try ICCID(input).rawValue == expected)
        }

        @Test func onlyOneTrailingFIsStripped() {
            expectRejected("894453000000085788FF", field: "ICCID", rule: "only digits") { try ICCID($0) }
        }

        @Test("rejections name the field, the input and the rule", arguments: [
            ("", "must not be empty"),
            ("   ", "must not be empty"),
            ("12345", "must start with 89"),
            ("884453000000085788", "must start with 89"),
            ("9", "must start with 89"),
            ("89445300000008578A", "only digits"),
            ("8944-5300-0000-0857-88", "only digits"),
            ("894453000000085788\u{00A0}X", "only digits"),
            ("8944530000000857", "must have 18 to 20 digits, has 16"),
            ("89445300000008578", "must have 18 to 20 digits, has 17"),
            ("894453000000085788000", "must have 18 to 20 digits, has 21"),
        ])
        func rejections(_ input: String, _ rule: String) {
            expectRejected(input, field: "ICCID", rule: rule) { try ICCID($0) }
        }

        @Test func errorDescriptionReadsAsOneSentence() {
            let error = #expect(throws: ValidationError.self) { try ICCID("12345") }
            #expect(error?.description == "ICCID '12345' is invalid: \(error?.rule ?? "")")
            #expect(error?.description.hasPrefix("ICCID '12345' is invalid: must start with 89") == true)
        }

        @Test func luhnCheckDigitOfKnownNumbers() {
            #expect(ICCID.luhnCheckDigit(for: "7992739871") == 3)  // the textbook example 79927398713
            #expect(ICCID.luhnCheckDigit(for: "894453000000085788") == 8)
            #expect(ICCID.luhnCheckDigit(for: "8901410321111851072") == 0)
            #expect(ICCID.luhnCheckDigit(for: "0") == 0)
            #expect(ICCID.luhnCheckDigit(for: "") == 0)
            #expect(ICCID.luhnCheckDigit(for: "8944 5300"[...]) == ICCID.luhnCheckDigit(for: "89445300"))
        }

        @Test("a 19-digit ICCID must pass the Luhn check")
        func nineteenDigitsAreLuhnChecked() throws {
            // The guide's 894453000000085788 with a 1 appended: its check digit should be 8.
            expectRejected("8944530000000857881", field: "ICCID", rule: "the check digit should be 8, not 1") {
                try ICCID($0)
            }
            #expect(try ICCID("8944530000000857888").rawValue == "8944530000000857888")
            for payload in ["894453000000052371", "890000000000000000", "899999999999999999"] {
                let valid = withCheckDigit(payload)
                #expect(try ICCID(valid).digitCount == 19)
                let wrong = payload + String((ICCID.luhnCheckDigit(for: payload) + 1) % 10)
                expectRejected(wrong, field: "ICCID", rule: "Luhn") { try ICCID($0) }
                // A batch without check digits concerns 20 digits only: 19 are always checked.
                expectRejected(wrong, field: "ICCID", rule: "Luhn") { try ICCID($0, batchHasNoCheckDigit: true) }
            }
        }

        @Test("a 20-digit ICCID is Luhn-checked unless its batch has no check digit")
        func twentyDigitsAreLuhnCheckedUnlessTheBatchSaysNot() throws {
            #expect(try ICCID("89014103211118510720").rawValue == "89014103211118510720")
            expectRejected("89014103211118510721", field: "ICCID", rule: "the check digit should be 0, not 1") {
                try ICCID($0)
            }
            expectRejected("89014103211118510721", field: "ICCID", rule: "Luhn") {
                try ICCID($0, batchHasNoCheckDigit: false)
            }
            #expect(try ICCID("89014103211118510721", batchHasNoCheckDigit: true).rawValue == "89014103211118510721")
            let valid = withCheckDigit("8944530000000857880")
            #expect(try ICCID(valid).digitCount == 20)
            #expect(try ICCID(valid, batchHasNoCheckDigit: true) == ICCID(valid))
        }

        @Test func theOtherRulesStillApplyToABatchWithoutCheckDigits() {
            expectRejected("12345678901234567890", field: "ICCID", rule: "must start with 89") {
                try ICCID($0, batchHasNoCheckDigit: true)
            }
            expectRejected("894453000000085788000", field: "ICCID", rule: "18 to 20 digits") {
                try ICCID($0, batchHasNoCheckDigit: true)
            }
        }

        @Test func orderIsNumericShorterFirst() throws {
            let eighteen = try ICCID("894453000000085791")
            let nineteen = try ICCID(withCheckDigit("890000000000000000"))
            let twenty = try ICCID(withCheckDigit("8900000000000000000"))
            // Lexicographically "894453..." > "890000...", but it is the shorter number.
            #expect(eighteen < nineteen)
            #expect(nineteen < twenty)
            #expect(try ICCID("894453000000052371") < ICCID("894453000000085788"))
            #expect(try ICCID("894453000000085788") < ICCID("894453000000085791"))
            #expect([twenty, eighteen, nineteen].sorted() == [eighteen, nineteen, twenty])
            #expect(!(eighteen < eighteen))
        }

        @Test func uncheckedTrustsItsInputAndEqualsTheParsedValue() throws {
            #expect(ICCID(unchecked: "894453000000085788") == (try ICCID("8944 5300 0000 0857 88F")))
            #expect(ICCID(unchecked: "not checked").rawValue == "not checked")
            let set: Set<ICCID> = [try ICCID("894453000000085788"), try ICCID("894453000000085788F")]
            #expect(set.count == 1)
        }
    }
}
