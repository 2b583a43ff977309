import Provisioning
import Testing

extension Values {
    @Suite("Name") struct NameTests {
        @Test("billing identifiers from the guide and the edges", arguments: [
            "AudioCodes", "AudioCodes_Reseller", "Talk_Mail", "AC_Internal",
            "Audiocodes_Trial_End_Customer", "AdeleVance", "a", "x.y-z_1", String(repeating: "n", count: 64),
        ])
        func accepted(_ input: String) throws {
            let name = try Name(input)
            #expect(name.rawValue == input)
            #expect(name.description == input)
        }

        @Test func surroundingWhitespaceIsIgnoredAndCaseKept() throws {
            #expect(try Name(" Talk_Mail\n").rawValue == "Talk_Mail")
            #expect(try Name("talk_mail") != Name("Talk_Mail"))
        }

        @Test(arguments: [
            ("Adele Vance", "no spaces"),
            ("Adele\tVance", "no spaces"),
            ("", "must not be empty"),
            ("  ", "must not be empty"),
            (String(repeating: "n", count: 65), "at most 64 characters, has 65"),
            ("Adele@Vance", "only A-Z a-z 0-9 _ - ., found '@'"),
            ("Zoë", "found 'ë'"),
            ("a/b", "found '/'"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "name", rule: rule) { try Name($0) }
        }

        @Test func errorCanBeRenamed() {
            let error = #expect(throws: ValidationError.self) { try Name("Adele Vance") }
            let renamed = error?.withField("subscriber name")
            #expect(renamed?.field == "subscriber name")
            #expect(renamed?.value == "Adele Vance")
            #expect(renamed?.rule == error?.rule)
        }

        @Test func ordered() throws {
            #expect(try [Name("Talk_Mail"), Name("AC_Internal"), Name("AudioCodes_Reseller")].sorted().map(\.rawValue)
                == ["AC_Internal", "AudioCodes_Reseller", "Talk_Mail"])
        }
    }

    @Suite("Username") struct UsernameTests {
        @Test(arguments: ["Mike.D", "ran.inbar@audiocodes.com", "Liziya.Joseph@audiocodes.com", "noa.fid", "u", String(repeating: "u", count: 64)])
        func accepted(_ input: String) throws {
            #expect(try Username(input).rawValue == input)
        }

        @Test func caseSensitive() throws {
            #expect(try Username("Mike.D") != Username("mike.d"))
            #expect(try Username("Noaf@audiocodes.com").rawValue == "Noaf@audiocodes.com")
        }

        @Test(arguments: [
            ("Mike D", "no spaces"),
            ("", "must not be empty"),
            (String(repeating: "u", count: 65), "at most 64"),
            ("mike!", "only A-Z a-z 0-9 _ - . @, found '!'"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "username", rule: rule) { try Username($0) }
        }
    }

    @Suite("CatalogCode") struct CatalogCodeTests {
        @Test(arguments: ["UCC", "BUN-UKN-MX2G", "BUN-USN-MXBase", "PLCY_RMG_UNRESTRICTED", "Mobile-X", "TangoExt", "MicrosoftTeams", String(repeating: "C", count: 64)])
        func accepted(_ input: String) throws {
            #expect(try CatalogCode(input).rawValue == input)
        }

        @Test(arguments: [
            ("BUN UKN", "no spaces"),
            ("", "must not be empty"),
            (String(repeating: "C", count: 65), "at most 64"),
            ("BUN/1", "found '/'"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "catalog code", rule: rule) { try CatalogCode($0) }
        }

        @Test func caseIsKept() throws {
            #expect(try CatalogCode("ucc") != CatalogCode("UCC"))
        }
    }

    @Suite("SIMTypeCode") struct SIMTypeCodeTests {
        @Test(arguments: ["MXG-ET085", "MXG-ET006", "x", String(repeating: "S", count: 32)])
        func accepted(_ input: String) throws {
            #expect(try SIMTypeCode(input).rawValue == input)
        }

        @Test(arguments: [
            ("MXG ET085", "no spaces"),
            ("", "must not be empty"),
            (String(repeating: "S", count: 33), "at most 32 characters, has 33"),
            ("MXG:ET085", "found ':'"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "SIM type", rule: rule) { try SIMTypeCode($0) }
        }
    }

    @Suite("SubUID") struct SubUIDTests {
        @Test(arguments: [
            ("b016987", "b016987"),
            ("B016987", "b016987"),
            (" s000001 ", "s000001"),
            ("abcdef", "abcdef"),
            ("a123456789abcdef", "a123456789abcdef"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try SubUID(input).rawValue == expected)
        }

        @Test(arguments: [
            ("b0169", "6 to 16 characters, has 5"),
            ("", "6 to 16 characters, has 0"),
            ("a123456789abcdefg", "6 to 16 characters, has 17"),
            ("1016987", "must start with a letter"),
            ("b01_6987", "only letters a-z and digits 0-9, found '_'"),
            ("b01 6987", "only letters a-z and digits 0-9"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "SubUID", rule: rule) { try SubUID($0) }
        }

        static let powerOf36To6: UInt64 = 2_176_782_336  // 36^6

        @Test("generated from the log position: s and base 36, padded to 6", arguments: [
            (0, "s000000"),
            (1, "s000001"),
            (35, "s00000z"),
            (36, "s000010"),
            (powerOf36To6 - 1, "szzzzzz"),
            (powerOf36To6, "s1000000"),
            (UInt64.max, "s3w5e11264sgsf"),
        ] as [(UInt64, String)])
        func generated(_ position: UInt64, _ expected: String) throws {
            let id = SubUID.generate(fromPosition: position)
            #expect(id.rawValue == expected)
            #expect(try SubUID(id.rawValue) == id)  // every generated id is a valid SubUID
        }

        @Test func generationIsDeterministicAndInjective() {
            var seen: Set<SubUID> = []
            for position in UInt64(0)..<5000 {
                let id = SubUID.generate(fromPosition: position)
                #expect(id == SubUID.generate(fromPosition: position))
                seen.insert(id)
            }
            #expect(seen.count == 5000)
        }
    }

    @Suite("TenantID") struct TenantIDTests {
        @Test("a GUID, braces stripped, stored lower case", arguments: [
            ("72f988bf-86f1-41af-91ab-2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            ("72F988BF-86F1-41AF-91AB-2D7CD011DB47", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            ("{72F988BF-86F1-41AF-91AB-2D7CD011DB47}", "72f988bf-86f1-41af-91ab-2d7cd011db47"),
            ("  {00000000-0000-0000-0000-000000000000}\n", "00000000-0000-0000-0000-000000000000"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try TenantID(input).rawValue == expected)
        }

        @Test(arguments: [
            "", "72f988bf86f141af91ab2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db4",
            "72f988bf-86f1-41af-91ab-2d7cd011db477", "72f988bg-86f1-41af-91ab-2d7cd011db47",
            "{72f988bf-86f1-41af-91ab-2d7cd011db47", "72f988bf-86f1-41af-91ab-2d7cd011db47}",
            "72f988b-f86f1-41af-91ab-2d7cd011db47", "{{72f988bf-86f1-41af-91ab-2d7cd011db47}}",
            "contoso.onmicrosoft.com",
        ])
        func rejected(_ input: String) {
            expectRejected(input, field: "tenant ID", rule: "GUID") { try TenantID($0) }
        }
    }
}
