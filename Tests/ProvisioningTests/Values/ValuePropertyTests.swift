import Provisioning
import Testing
import TestSupport

extension Values {
    /// Seeded property-style tests: thousands of generated strings, half of them mutations
    /// of valid examples and half random concatenations of awkward fragments. Every
    /// initialiser either throws a `ValidationError` or returns a value whose `rawValue`
    /// parses back to an equal value with the same `rawValue`; nothing crashes.
    @Suite("Value round trips") struct ValuePropertyTests {
        static let iterations = 3000

        /// Pieces the generator glues together: digits, letters, separators of every type,
        /// the prefixes the types look for, non-ASCII and control characters.
        static let fragments: [String] = [
            "0", "1", "5", "8", "9", "89", "4453", "0000", "F", "f", " ", "\t", "\n", "\r\n", "-", "+", "_",
            ".", "@", "$", ",", "{", "}", "*", "#", ":", "a", "z", "A", "Z", "x", "s", "LPA:", "lpa:", "1$",
            "é", "e\u{301}", "\u{301}", "ß", "🇬🇧", "👩‍💻", "\u{0}", "\u{7F}", "\u{85}", "\u{A0}", "\u{2028}",
            "\u{200D}", "\u{FEFF}", "ALL", "usa", "GBR", "fra", "xn--", "example", "com", "smdp", ".com",
            "Mobile-X", "T", "Z", "2026-11-26", "12:00:00", ".000", "+02:00", "'", "\"", "\\", "/",
        ]

        static let examples: [String: [String]] = [
            "ICCID": ["894453000000085788", "8944530000000857888", "89014103211118510720", "8944 5300 0000 0857 88F"],
            "IMSI": ["234150000000001", "123456"],
            "PhoneNumber": ["18332954087", "+1 214-555-1000"],
            "Name": ["AudioCodes_Reseller", "AC_Internal", "a"],
            "Username": ["Mike.D", "ran.inbar@audiocodes.com"],
            "Description": ["Reseller Demo and POC", "abc"],
            "CountryCode": ["USA", "gbr"],
            "HomeLocation": ["ALL", "usa"],
            "TenantID": ["72f988bf-86f1-41af-91ab-2d7cd011db47", "{72F988BF-86F1-41AF-91AB-2D7CD011DB47}"],
            "Email": ["AdeleV@M365x17108666.OnMicrosoft.com", "a@b.co"],
            "SubUID": ["b016987", "s000001"],
            "ActivationCode": ["LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815", "LPA:1$smdp.example.com$ABC$1.2.3$1"],
            "FQDN": ["mysippbx.com", "SMDP.GSMA.COM"],
            "CatalogCode": ["BUN-UKN-MX2G", "PLCY_RMG_UNRESTRICTED"],
            "SIMTypeCode": ["MXG-ET085"],
            "SPN": ["Mobile-X", "My Operator"],
            "Extension": ["1000"],
            "DialString": ["*79", "#31#"],
            "DisplayText": ["Adele", "123 State St"],
        ]

        /// A string from `examples`, mutated 0 to 3 times, or a random concatenation.
        static func candidate(_ examples: [String], _ random: inout SplitMix64) -> String {
            if Bool.random(using: &random) {
                return (0..<Int.random(in: 0...12, using: &random))
                    .map { _ in fragments.randomElement(using: &random)! }.joined()
            }
            var characters = Array(examples.randomElement(using: &random)!)
            for _ in 0..<Int.random(in: 0...3, using: &random) {
                let index = Int.random(in: 0...characters.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0: characters.insert(contentsOf: fragments.randomElement(using: &random)!, at: index)
                case 1 where index < characters.count: characters.remove(at: index)
                case 2 where index < characters.count:
                    characters[index] = fragments.randomElement(using: &random)!.first ?? "x"
                case 3: characters = Array(String(characters).uppercased())
                default: characters += characters.prefix(index)
                }
            }
            return String(characters)
        }

        /// Runs the property for one type; returns how many inputs were accepted and rejected.
        static func check<T: ValidatedValue>(
            _ name: String, seed: UInt64, _ make: (String) throws -> T
        ) -> (accepted: Int, rejected: Int, failures: [String]) {
            var random = SplitMix64(seed: seed)
            var failures: [String] = []
            var values: [T] = []
            var rejected = 0
            for _ in 0..<iterations {
                let input = candidate(examples[name]!, &random)
                do {
                    let value = try make(input)
                    values.append(value)
                    do {
                        let again = try make(value.rawValue)
                        if again != value || again.rawValue != value.rawValue {
                            failures.append("\(name) \(input.debugDescription): \(value.rawValue.debugDescription) re-parses as \(again.rawValue.debugDescription)")
                        }
                    } catch {
                        failures.append("\(name) \(input.debugDescription): rawValue \(value.rawValue.debugDescription) is rejected: \(error)")
                    }
                    if T(unchecked: value.rawValue) != value {
                        failures.append("\(name) \(input.debugDescription): init(unchecked:) differs")
                    }
                } catch let error as ValidationError {
                    rejected += 1
                    if error.field.isEmpty || error.rule.isEmpty {
                        failures.append("\(name) \(input.debugDescription): empty field or rule in \(error)")
                    }
                } catch {
                    failures.append("\(name) \(input.debugDescription): threw a \(type(of: error)), not a ValidationError")
                }
            }
            // Comparable must be a strict total order that agrees with ==.
            let sorted = values.sorted()
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                if b < a { failures.append("\(name): sort order broken at \(a.rawValue) / \(b.rawValue)") }
                if (a == b) != (!(a < b) && !(b < a)) { failures.append("\(name): < disagrees with == at \(a.rawValue)") }
            }
            return (values.count, rejected, failures)
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let run: @Sendable (UInt64) -> (accepted: Int, rejected: Int, failures: [String])
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(name: "ICCID") { check("ICCID", seed: $0) { try ICCID($0) } },
            Case(name: "ICCID, batch without check digits") { check("ICCID", seed: $0 &+ 1) { try ICCID($0, batchHasNoCheckDigit: true) } },
            Case(name: "IMSI") { check("IMSI", seed: $0) { try IMSI($0) } },
            Case(name: "PhoneNumber") { check("PhoneNumber", seed: $0) { try PhoneNumber($0) } },
            Case(name: "Name") { check("Name", seed: $0) { try Name($0) } },
            Case(name: "Username") { check("Username", seed: $0) { try Username($0) } },
            Case(name: "Description") { check("Description", seed: $0) { try Description($0) } },
            Case(name: "CountryCode") { check("CountryCode", seed: $0) { try CountryCode($0) } },
            Case(name: "HomeLocation") { check("HomeLocation", seed: $0) { try HomeLocation($0) } },
            Case(name: "TenantID") { check("TenantID", seed: $0) { try TenantID($0) } },
            Case(name: "Email") { check("Email", seed: $0) { try Email($0) } },
            Case(name: "SubUID") { check("SubUID", seed: $0) { try SubUID($0) } },
            Case(name: "ActivationCode") { check("ActivationCode", seed: $0) { try ActivationCode($0) } },
            Case(name: "FQDN") { check("FQDN", seed: $0) { try FQDN($0) } },
            Case(name: "CatalogCode") { check("CatalogCode", seed: $0) { try CatalogCode($0) } },
            Case(name: "SIMTypeCode") { check("SIMTypeCode", seed: $0) { try SIMTypeCode($0) } },
            Case(name: "SPN") { check("SPN", seed: $0) { try SPN($0) } },
            Case(name: "Extension") { check("Extension", seed: $0) { try Extension($0) } },
            Case(name: "DialString") { check("DialString", seed: $0) { try DialString($0) } },
            Case(name: "DisplayText") { check("DisplayText", seed: $0) { try DisplayText($0, field: "first name") } },
        ]

        @Test("valid or a ValidationError, and valid values round-trip", arguments: cases)
        func roundTrip(_ testCase: Case) {
            let result = testCase.run(0x5EED_0000_0000_0001)
            #expect(result.failures.isEmpty, "\(result.failures.prefix(5))")
            // Both sides of every rule set are exercised.
            #expect(result.accepted > 50, "accepted only \(result.accepted)")
            #expect(result.rejected > 50, "rejected only \(result.rejected)")
        }

        @Test("home-location lists: a ValidationError, or sorted unique codes that re-parse")
        func homeLocationLists() {
            var random = SplitMix64(seed: 0x5EED_0000_0000_0002)
            var failures: [String] = []
            var accepted = 0
            let pieces = ["GBR", "usa", "FRA", " ", ",", ",", "ALL", "XYZ", "de", "U", "\n", "é"]
            for _ in 0..<Self.iterations {
                let input = (0..<Int.random(in: 0...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
                do {
                    let codes = try HomeLocation.parseList(input)
                    accepted += 1
                    if codes.isEmpty || codes != codes.sorted() || Set(codes).count != codes.count {
                        failures.append("\(input.debugDescription) gave \(codes)")
                    }
                    let again = try HomeLocation.parseList(codes.map(\.rawValue).joined(separator: ","))
                    if again != codes { failures.append("\(input.debugDescription) does not re-parse") }
                } catch let error as ValidationError {
                    if error.field != "home location" { failures.append("\(input.debugDescription): \(error)") }
                } catch {
                    failures.append("\(input.debugDescription): \(error)")
                }
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            #expect(accepted > 50)
        }

        @Test("time strings: a ValidationError or a time whose ISO 8601 text parses back")
        func timeStrings() {
            var random = SplitMix64(seed: 0x5EED_0000_0000_0003)
            var failures: [String] = []
            var accepted = 0
            let examples = ["2026-11-26", "2026-11-26T12:00:00Z", "2024-02-29T23:59:59.999+05:30", "0000-01-01T00:00:00-23:59"]
            for _ in 0..<Self.iterations {
                let input = Self.candidate(examples, &random)
                do {
                    let time = try Timestamp.parseISO8601(input)
                    accepted += 1
                    if (try? Timestamp.parseISO8601(time.iso8601)) != time {
                        failures.append("\(input.debugDescription) -> \(time.iso8601) does not parse back")
                    }
                } catch let error as ValidationError {
                    if error.field != "time" || error.value != input { failures.append("\(input.debugDescription): \(error)") }
                } catch {
                    failures.append("\(input.debugDescription): \(error)")
                }
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
            #expect(accepted > 50)
        }
    }
}
