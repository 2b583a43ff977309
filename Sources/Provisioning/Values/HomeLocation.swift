/// Where a service is at home: a country, or `ALL` (a roaming policy for every country).
///
/// Input is `ALL` in any case or an ISO 3166-1 alpha-3 code; `rawValue` is `ALL` or the
/// code. `.all` orders before every country; countries order by code.
public enum HomeLocation: ValidatedValue {
    case all
    case country(CountryCode)

    public init(_ input: String) throws {
        let text = ValueText.trimmed(input)
        if ValueText.asciiUppercased(text) == "ALL" {
            self = .all
            return
        }
        do {
            self = .country(try CountryCode(text))
        } catch let error as ValidationError {
            throw ValidationError(field: "home location", value: input, rule: "must be ALL or a country code: \(error.rule)")
        }
    }

    public init(unchecked rawValue: String) {
        self = rawValue == "ALL" ? .all : .country(CountryCode(unchecked: rawValue))
    }

    /// `ALL` or the country code.
    public var rawValue: String {
        switch self {
        case .all: "ALL"
        case .country(let code): code.rawValue
        }
    }

    public var description: String { rawValue }

    /// Whether a service at home here serves `country`: `.all` covers every country.
    public func covers(_ country: CountryCode) -> Bool {
        switch self {
        case .all: true
        case .country(let code): code == country
        }
    }

    public static func < (lhs: HomeLocation, rhs: HomeLocation) -> Bool {
        switch (lhs, rhs) {
        case (.all, .all): false
        case (.all, .country): true
        case (.country, .all): false
        case (.country(let l), .country(let r)): l < r
        }
    }

    /// A comma-separated list of countries such as `GBR,USA` (a reseller's or group's
    /// home locations): each entry trimmed and upper-cased, empty entries skipped,
    /// duplicates removed, sorted. At least one country; `ALL` is not allowed in a list.
    /// An error names the offending entry as its value.
    public static func parseList(_ input: String) throws -> [CountryCode] {
        var codes: Set<CountryCode> = []
        for entry in input.split(separator: ",", omittingEmptySubsequences: false) {
            let text = ValueText.trimmed(String(entry))
            if text.isEmpty { continue }
            if ValueText.asciiUppercased(text) == "ALL" {
                throw ValidationError(
                    field: "home location", value: String(entry),
                    rule: "ALL is not allowed in a list of countries: list the countries, such as GBR,USA"
                )
            }
            do {
                codes.insert(try CountryCode(text))
            } catch let error as ValidationError {
                throw ValidationError(field: "home location", value: String(entry), rule: error.rule)
            }
        }
        if codes.isEmpty {
            throw ValidationError(
                field: "home location", value: input,
                rule: "must list at least one ISO 3166-1 alpha-3 country code, such as GBR,USA"
            )
        }
        return codes.sorted()
    }
}
