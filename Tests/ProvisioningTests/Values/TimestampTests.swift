import Provisioning
import Testing
import TestSupport

extension Values {
    @Suite("Timestamp") struct TimestampTests {
        // Reference values from Python: calendar.timegm(...) * 1000.
        @Test("known moments print as ISO 8601 UTC and parse back", arguments: [
            (Int64(0), "1970-01-01T00:00:00.000Z"),
            (-1, "1969-12-31T23:59:59.999Z"),
            (-1000, "1969-12-31T23:59:59.000Z"),
            (1_795_694_400_000, "2026-11-26T12:00:00.000Z"),
            (951_782_400_000, "2000-02-29T00:00:00.000Z"),
            (4_133_980_799_999, "2100-12-31T23:59:59.999Z"),
            (-11_670_912_000_000, "1600-03-01T00:00:00.000Z"),
            (253_402_300_799_999, "9999-12-31T23:59:59.999Z"),
            (-62_167_219_200_000, "0000-01-01T00:00:00.000Z"),
        ])
        func knownMoments(_ milliseconds: Int64, _ text: String) throws {
            let time = Timestamp(millisecondsSince1970: milliseconds)
            #expect(time.iso8601 == text)
            #expect(time.description == text)
            #expect(try Timestamp.parseISO8601(text) == time)
        }

        @Test("accepted forms", arguments: [
            ("1970-01-01", Int64(0)),
            ("2026-11-26", 1_795_651_200_000),
            ("2026-11-26T12:00:00Z", 1_795_694_400_000),
            ("2026-11-26t12:00:00z", 1_795_694_400_000),
            ("2026-11-26T12:00:00.000Z", 1_795_694_400_000),
            ("2026-11-26T12:00:00.5Z", 1_795_694_400_500),
            ("2026-11-26T12:00:00.25Z", 1_795_694_400_250),
            ("2026-11-26T12:00:00.123456789Z", 1_795_694_400_123),
            ("2026-11-26T14:00:00+02:00", 1_795_694_400_000),
            ("2026-11-26T07:00:00-05:00", 1_795_694_400_000),
            ("2026-11-26T12:00:00+00:00", 1_795_694_400_000),
            ("2026-11-26T17:30:00.000+05:30", 1_795_694_400_000),
            ("2026-11-27T01:00:00+13:00", 1_795_694_400_000),
            (" 2026-11-26T12:00:00Z\n", 1_795_694_400_000),
        ])
        func acceptedForms(_ text: String, _ milliseconds: Int64) throws {
            #expect(try Timestamp.parseISO8601(text).millisecondsSince1970 == milliseconds)
        }

        @Test("leap years: divisible by 4, except centuries, except every 400 years", arguments: [
            ("2024-02-29", true), ("2000-02-29", true), ("1600-02-29", true), ("2028-02-29", true),
            ("2023-02-29", false), ("1900-02-29", false), ("2100-02-29", false), ("2026-02-29", false),
        ])
        func leapDays(_ text: String, _ exists: Bool) throws {
            if exists {
                let day = try Timestamp.parseISO8601(text)
                #expect(day.iso8601 == text + "T00:00:00.000Z")
                #expect(day.adding(days: 1).iso8601.hasSuffix("-03-01T00:00:00.000Z"))
            } else {
                expectRejected(text, field: "time", rule: "the day must be 01 to 28") { try Timestamp.parseISO8601($0) }
            }
        }

        @Test func addingDays() throws {
            let terminated = try Timestamp.parseISO8601("2026-11-26T12:00:00Z")
            #expect(terminated.adding(days: 45).iso8601 == "2027-01-10T12:00:00.000Z")
            #expect(terminated.adding(days: -45).adding(days: 45) == terminated)
            #expect(terminated.adding(days: 0) == terminated)
            #expect(try Timestamp.parseISO8601("2100-02-28").adding(days: 1) == Timestamp.parseISO8601("2100-03-01"))
            #expect(try Timestamp.parseISO8601("2024-02-28").adding(days: 2) == Timestamp.parseISO8601("2024-03-01"))
            #expect(Timestamp(millisecondsSince1970: 0).adding(days: 1).millisecondsSince1970 == 86_400_000)
            #expect(Timestamp(millisecondsSince1970: 5).adding(milliseconds: -10).millisecondsSince1970 == -5)
        }

        @Test func ordered() throws {
            let earlier = try Timestamp.parseISO8601("2026-11-26T12:00:00Z")
            let later = try Timestamp.parseISO8601("2026-11-26T12:00:00.001Z")
            #expect(earlier < later)
            #expect(!(later < earlier))
            #expect(try Timestamp.parseISO8601("1969-12-31T23:59:59.999Z") < Timestamp(millisecondsSince1970: 0))
            #expect([later, earlier].sorted() == [earlier, later])
        }

        @Test(arguments: [
            ("2026-11-26T12:00:00", "must end with Z or an offset"),
            ("2026-11-26T12:00:00.000", "must end with Z or an offset"),
            ("2026-13-01", "the month must be 01 to 12"),
            ("2026-00-01", "the month must be 01 to 12"),
            ("2026-11-31", "the day must be 01 to 30 in 2026-11"),
            ("2026-11-00", "the day must be 01 to 30"),
            ("2026-11-26T24:00:00Z", "the hour must be 00 to 23"),
            ("2026-11-26T12:60:00Z", "the minute must be 00 to 59"),
            ("2026-11-26T12:00:60Z", "the second must be 00 to 59"),
            ("2026-11-26T12:00:00+24:00", "the offset must be"),
            ("2026-11-26T12:00:00+02:60", "the offset must be"),
            ("", "must be an ISO 8601 date or time"),
            ("26-11-2026", "must be an ISO 8601 date or time"),
            ("2026/11/26", "must be an ISO 8601 date or time"),
            ("2026-11-26T12:00Z", "must be an ISO 8601 date or time"),
            ("2026-11-26T12:00:00+0200", "must be an ISO 8601 date or time"),
            ("2026-11-26T12:00:00.Z", "must be an ISO 8601 date or time"),
            ("2026-11-26T12:00:00.1234567890Z", "must be an ISO 8601 date or time"),
            ("2026-11-26T12:00:00ZZ", "must be an ISO 8601 date or time"),
            ("2026-11-26 garbage", "must be an ISO 8601 date or time"),
            ("+2026-11-26", "must be an ISO 8601 date or time"),
            ("２０２６-11-26", "must be an ISO 8601 date or time"),
        ])
        func rejected(_ text: String, _ rule: String) {
            expectRejected(text, field: "time", rule: rule) { try Timestamp.parseISO8601($0) }
        }

        @Test("a seeded sample of moments from year 0000 to 9999 round-trips through ISO 8601")
        func roundTripsAcrossTheCalendar() throws {
            var random = SplitMix64(seed: 0x7157_A3B5)
            let range: ClosedRange<Int64> = -62_167_219_200_000...253_402_300_799_999
            var failures: [String] = []
            var previous = Timestamp(millisecondsSince1970: range.lowerBound)
            for _ in 0..<20_000 {
                let time = Timestamp(millisecondsSince1970: Int64.random(in: range, using: &random))
                let text = time.iso8601
                do {
                    let parsed = try Timestamp.parseISO8601(text)
                    if parsed != time { failures.append("\(time.millisecondsSince1970) -> \(text) -> \(parsed.millisecondsSince1970)") }
                } catch {
                    failures.append("\(text): \(error)")
                }
                // The text order is the time order within 0000-9999.
                if (previous < time) != (previous.iso8601 < text) && previous != time {
                    failures.append("order: \(previous) vs \(text)")
                }
                previous = time
            }
            #expect(failures.isEmpty, "\(failures.prefix(5))")
        }

        @Test("every day from 1969 to 2101 is the day after the one before")
        func consecutiveDays() throws {
            var day = try Timestamp.parseISO8601("1969-01-01")
            let end = try Timestamp.parseISO8601("2101-01-01")
            var count = 0
            while day < end {
                let next = day.adding(days: 1)
                let (y, m, d) = try parts(day.iso8601)
                let (ny, nm, nd) = try parts(next.iso8601)
                let monthLength = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
                let expected = d < monthLength ? (y, m, d + 1) : m < 12 ? (y, m + 1, 1) : (y + 1, 1, 1)
                #expect(ny == expected.0 && nm == expected.1 && nd == expected.2, "\(day) -> \(next)")
                #expect(try Timestamp.parseISO8601(String(next.iso8601.prefix(10))) == next)
                day = next
                count += 1
            }
            #expect(count == 132 * 365 + 32)  // 1969...2100 holds 32 leap years (1972...2096; 2100 is not one)
        }

        private func parts(_ iso: String) throws -> (Int, Int, Int) {
            let fields = iso.prefix(10).split(separator: "-").map { Int($0) }
            return (try #require(fields[0]), try #require(fields[1]), try #require(fields[2]))
        }
    }
}
