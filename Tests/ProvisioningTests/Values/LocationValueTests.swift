import Provisioning
import Testing

extension Values {
    @Suite("CountryCode") struct CountryCodeTests {
        @Test("upper-cased on input", arguments: [
            ("USA", "USA"), ("usa", "USA"), (" gbr ", "GBR"), ("Fra", "FRA"), ("ala", "ALA"), ("ZWE", "ZWE"),
        ])
        func accepted(_ input: String, _ expected: String) throws {
            #expect(try CountryCode(input).rawValue == expected)
        }

        @Test(arguments: [
            ("UK", "three letters"),
            ("", "three letters"),
            ("GBRR", "three letters"),
            ("U1A", "three letters"),
            ("ÜSA", "three letters"),
            ("U S", "three letters"),
            ("XKX", "not an ISO 3166-1 alpha-3 country code"),  // Kosovo: user-assigned, not ISO
            ("ZZZ", "not an ISO 3166-1 alpha-3 country code"),
            ("ALL", "not an ISO 3166-1 alpha-3 country code"),
            ("EUR", "not an ISO 3166-1 alpha-3 country code"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "country code", rule: rule) { try CountryCode($0) }
        }

        @Test func theListIsTheFullISOList() throws {
            #expect(CountryCode.all.count == 249)
            for code in ["USA", "GBR", "FRA", "DEU", "ISR", "IRL", "ATA", "BVT", "UMI", "SSD", "SXM", "CUW", "BES", "ALA"] {
                #expect(CountryCode.all.contains(code), "\(code)")
            }
            for code in CountryCode.all {
                #expect(code.utf8.count == 3 && code.utf8.allSatisfy { (0x41...0x5A).contains($0) }, "\(code)")
                #expect(try CountryCode(code.lowercased()).rawValue == code)
            }
        }

        @Test func ordered() throws {
            #expect(try CountryCode("FRA") < CountryCode("GBR"))
            #expect(try CountryCode("gbr") == CountryCode(unchecked: "GBR"))
        }
    }

    @Suite("HomeLocation") struct HomeLocationTests {
        @Test(arguments: ["ALL", "all", "All", " aLl "])
        func allInAnyCase(_ input: String) throws {
            let location = try HomeLocation(input)
            #expect(location == .all)
            #expect(location.rawValue == "ALL")
            #expect(location.description == "ALL")
        }

        @Test func aCountry() throws {
            let location = try HomeLocation("usa")
            #expect(try location == .country(CountryCode("USA")))
            #expect(location.rawValue == "USA")
        }

        @Test func covers() throws {
            let usa = try CountryCode("USA")
            let gbr = try CountryCode("GBR")
            #expect(HomeLocation.all.covers(usa))
            #expect(HomeLocation.all.covers(gbr))
            #expect(HomeLocation.country(usa).covers(usa))
            #expect(!HomeLocation.country(usa).covers(gbr))
        }

        @Test func uncheckedAndOrder() throws {
            #expect(HomeLocation(unchecked: "ALL") == .all)
            #expect(try HomeLocation(unchecked: "GBR") == .country(CountryCode("GBR")))
            let sorted = try [HomeLocation("USA"), HomeLocation("ALL"), HomeLocation("AFG")].sorted()
            #expect(sorted.map(\.rawValue) == ["ALL", "AFG", "USA"])
            #expect(!(HomeLocation.all < .all))
        }

        @Test(arguments: [
            ("XYZ", "must be ALL or a country code: is not an ISO 3166-1 alpha-3"),
            ("", "must be ALL or a country code: must be three letters"),
            ("GBR,USA", "must be ALL or a country code"),
            ("ALLE", "must be ALL or a country code"),
        ])
        func rejected(_ input: String, _ rule: String) {
            expectRejected(input, field: "home location", rule: rule) { try HomeLocation($0) }
        }

        @Test("lists are trimmed, upper-cased, deduplicated and sorted", arguments: [
            ("GBR,USA", ["GBR", "USA"]),
            ("usa, gbr", ["GBR", "USA"]),
            ("USA,GBR,USA", ["GBR", "USA"]),
            ("FRA,GBR,USA", ["FRA", "GBR", "USA"]),
            ("GBR,,USA,", ["GBR", "USA"]),
            ("USA", ["USA"]),
        ])
        func parseList(_ input: String, _ expected: [String]) throws {
            #expect(try HomeLocation.parseList(input).map(\.rawValue) == expected)
        }

        @Test("a list names its offending entry", arguments: [
            ("", "", "at least one"),
            (" , ", " , ", "at least one"),
            ("GBR,ALL", "ALL", "ALL is not allowed"),
            ("all", "all", "ALL is not allowed"),
            ("GBR,XYZ", "XYZ", "not an ISO 3166-1 alpha-3"),
            ("GBR USA", "GBR USA", "three letters"),
        ])
        func parseListRejected(_ input: String, _ value: String, _ rule: String) {
            expectRejected(input, field: "home location", rule: rule, value: value) { try HomeLocation.parseList($0) }
        }
    }
}
