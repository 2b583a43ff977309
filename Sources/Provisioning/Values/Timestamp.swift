/// A moment in UTC, in milliseconds since 1970-01-01T00:00:00Z (leap seconds ignored,
/// as in Unix time). Pure arithmetic: no Foundation, no clock.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let millisecondsSince1970: Int64

    public init(millisecondsSince1970: Int64) {
        self.millisecondsSince1970 = millisecondsSince1970
    }

    static let millisecondsPerDay: Int64 = 86_400_000

    /// This moment `days` days (of 86,400 seconds) later; earlier for a negative count.
    public func adding(days: Int) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + Int64(days) * Self.millisecondsPerDay)
    }

    /// This moment `milliseconds` later; earlier for a negative count.
    public func adding(milliseconds: Int64) -> Timestamp {
        Timestamp(millisecondsSince1970: millisecondsSince1970 + milliseconds)
    }

    /// `2026-11-26T12:00:00.000Z`: UTC, always with milliseconds. Years outside 0000-9999
    /// are written with a sign (`-0001`, `+10000`); `parseISO8601` reads only 0000-9999.
    public var iso8601: String {
        let (days, milliseconds) = Self.floorDivide(millisecondsSince1970, Self.millisecondsPerDay)
        let (year, month, day) = Self.civil(fromDays: days)
        let seconds = milliseconds / 1000
        var text: String
        if year < 0 {
            text = "-" + Self.padded(-year, 4)
        } else if year > 9999 {
            text = "+" + String(year)
        } else {
            text = Self.padded(year, 4)
        }
        text += "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
        text += "T" + Self.padded(seconds / 3600, 2) + ":" + Self.padded(seconds / 60 % 60, 2)
        text += ":" + Self.padded(seconds % 60, 2) + "." + Self.padded(milliseconds % 1000, 3) + "Z"
        return text
    }

    public var description: String { iso8601 }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSince1970 < rhs.millisecondsSince1970
    }

    /// Reads a date or a time of years 0000-9999, surrounding whitespace ignored:
    /// - `2026-11-26` (midnight UTC),
    /// - `2026-11-26T12:00:00Z`, with an optional fraction of 1 to 9 digits
    ///   (`12:00:00.250Z`; digits past the milliseconds are dropped),
    /// - an offset instead of `Z`: `2026-11-26T14:00:00+02:00`, `...-05:00`.
    /// `T` and `Z` may be lower case. A time without `Z` or an offset is rejected (it
    /// would be local time). Errors are `ValidationError(field: "time", ...)`.
    public static func parseISO8601(_ s: String) throws -> Timestamp {
        func fail(_ rule: String) -> ValidationError {
            ValidationError(field: "time", value: s, rule: rule)
        }
        let shape = fail(
            "must be an ISO 8601 date or time: 2026-11-26, 2026-11-26T12:00:00Z, "
                + "2026-11-26T12:00:00.000Z or 2026-11-26T12:00:00+02:00"
        )
        let bytes = Array(ValueText.trimmed(s).utf8)
        var position = 0
        func number(_ width: Int) throws -> Int64 {
            guard position + width <= bytes.count else { throw shape }
            var value: Int64 = 0
            for byte in bytes[position..<(position + width)] {
                guard (0x30...0x39).contains(byte) else { throw shape }
                value = value * 10 + Int64(byte - 0x30)
            }
            position += width
            return value
        }
        func expect(_ accepted: String) throws {
            guard position < bytes.count, accepted.utf8.contains(bytes[position]) else { throw shape }
            position += 1
        }

        let year = try number(4)
        try expect("-")
        let month = try number(2)
        try expect("-")
        let day = try number(2)
        guard (1...12).contains(month) else { throw fail("the month must be 01 to 12") }
        let monthLength = Self.daysInMonth(year: year, month: month)
        guard (1...monthLength).contains(day) else {
            throw fail("the day must be 01 to \(monthLength) in \(Self.padded(year, 4))-\(Self.padded(month, 2))")
        }
        var milliseconds = Self.days(fromYear: year, month: month, day: day) * millisecondsPerDay
        if position == bytes.count {
            return Timestamp(millisecondsSince1970: milliseconds)
        }

        try expect("Tt")
        let hour = try number(2)
        try expect(":")
        let minute = try number(2)
        try expect(":")
        let second = try number(2)
        guard hour <= 23 else { throw fail("the hour must be 00 to 23") }
        guard minute <= 59 else { throw fail("the minute must be 00 to 59") }
        guard second <= 59 else { throw fail("the second must be 00 to 59") }
        milliseconds += ((hour * 60 + minute) * 60 + second) * 1000
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let start = position
            var fraction: Int64 = 0
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) {
                if position - start < 3 { fraction = fraction * 10 + Int64(bytes[position] - 0x30) }
                position += 1
            }
            let digits = position - start
            guard (1...9).contains(digits) else { throw shape }
            for _ in 0..<max(0, 3 - digits) { fraction *= 10 }
            milliseconds += fraction
        }
        guard position < bytes.count else {
            throw fail("a time must end with Z or an offset such as +02:00 (local time is ambiguous)")
        }
        let zone = bytes[position]
        if zone == UInt8(ascii: "Z") || zone == UInt8(ascii: "z") {
            position += 1
        } else if zone == UInt8(ascii: "+") || zone == UInt8(ascii: "-") {
            position += 1
            let offsetHours = try number(2)
            try expect(":")
            let offsetMinutes = try number(2)
            guard offsetHours <= 23, offsetMinutes <= 59 else {
                throw fail("the offset must be -23:59 to +23:59")
            }
            let offset = (offsetHours * 60 + offsetMinutes) * 60_000
            milliseconds += zone == UInt8(ascii: "+") ? -offset : offset
        } else {
            throw shape
        }
        guard position == bytes.count else { throw shape }
        return Timestamp(millisecondsSince1970: milliseconds)
    }

    // MARK: - Calendar arithmetic (proleptic Gregorian; H. Hinnant's civil algorithms)

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        var quotient = value / divisor
        var remainder = value % divisor
        if remainder < 0 {
            quotient -= 1
            remainder += divisor
        }
        return (quotient, remainder)
    }

    static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date.
    static func days(fromYear year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400).quotient
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDivide(z, 146_097).quotient
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
