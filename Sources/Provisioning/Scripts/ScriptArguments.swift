/// The `args` object of a script line, read key by key with the JSON type each
/// option needs. It remembers which keys were read, so `finish()` can reject the
/// first unknown one by name.
struct ScriptArguments {
    private let values: [String: Any]
    private var used: Set<String> = []
    let command: String

    init(_ values: [String: Any], command: String) {
        self.values = values
        self.command = command
    }

    /// Rejects a key no option of the command reads.
    func finish() throws(Rejection) {
        if let unknown = values.keys.sorted().first(where: { !used.contains($0) }) {
            throw .malformed(
                "\(command) has no argument \"\(unknown)\": arguments are the CLI's long option names without --.")
        }
    }

    private mutating func raw(_ key: String) -> Any? {
        used.insert(key)
        guard let value = values[key], !(value is JSONNull) else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ expected: String) -> Rejection {
        .malformed("Argument \"\(key)\" of \(command) must be \(expected).")
    }

    func missing(_ key: String) -> Rejection {
        .malformed("\(command) needs the argument \"\(key)\".")
    }

    func has(_ key: String) -> Bool { values[key] != nil && !(values[key] is JSONNull) }

    mutating func string(_ key: String) throws(Rejection) -> String? {
        guard let value = raw(key) else { return nil }
        guard let string = value as? String else { throw wrongType(key, "a string") }
        return string
    }

    mutating func requiredString(_ key: String) throws(Rejection) -> String {
        guard let string = try string(key) else { throw missing(key) }
        return string
    }

    mutating func bool(_ key: String) throws(Rejection) -> Bool? {
        guard let value = raw(key) else { return nil }
        guard let bool = value as? Bool else { throw wrongType(key, "true or false") }
        return bool
    }

    /// A flag: true, false, or absent (false).
    mutating func flag(_ key: String) throws(Rejection) -> Bool { try bool(key) ?? false }

    /// `true`/`false` or the CLI's `"on"`/`"off"`.
    mutating func onOff(_ key: String) throws(Rejection) -> Bool? {
        guard let value = raw(key) else { return nil }
        if let bool = value as? Bool { return bool }
        switch value as? String {
        case "on": return true
        case "off": return false
        default: throw wrongType(key, "on, off, true or false")
        }
    }

    mutating func int(_ key: String) throws(Rejection) -> Int? {
        guard let value = raw(key) else { return nil }
        // A number written with a fraction or an exponent (`30.0`, `3e1`) that is whole counts.
        let double: Double
        switch value {
        case let integer as Int: double = Double(integer)
        case let number as Double: double = number
        default: throw wrongType(key, "a whole number")
        }
        guard double == double.rounded(), abs(double) < 1e15 else { throw wrongType(key, "a whole number") }
        return Int(double)
    }

    /// A list of strings; a single string is taken as a list of one.
    mutating func strings(_ key: String) throws(Rejection) -> [String]? {
        guard let value = raw(key) else { return nil }
        if let string = value as? String { return [string] }
        guard let list = value as? [Any] else { throw wrongType(key, "a list of strings") }
        var strings: [String] = []
        for item in list {
            guard let string = item as? String else { throw wrongType(key, "a list of strings") }
            strings.append(string)
        }
        return strings
    }

    /// A list given as Swift strings, taken as it is: provctl hands a book-in file's
    /// plain ICCIDs over this way, and a cast of each of a million items from `Any`
    /// cost more than their parsing. Nil (and the key not read) for any other value.
    mutating func stringArray(_ key: String) -> [String]? {
        guard let strings = values[key] as? [String] else { return nil }
        used.insert(key)
        return strings
    }

    /// A list whose items may be strings or objects (the ICCIDs of a book-in).
    mutating func list(_ key: String) throws(Rejection) -> [Any]? {
        guard let value = raw(key) else { return nil }
        if let string = value as? String { return [string] }
        guard let list = value as? [Any] else { throw wrongType(key, "a list") }
        return list
    }

    mutating func object(_ key: String) throws(Rejection) -> [String: Any]? {
        guard let value = raw(key) else { return nil }
        guard let object = value as? [String: Any] else { throw wrongType(key, "an object") }
        return object
    }

    /// A validated value; a validation error becomes a malformed rejection naming the key.
    mutating func value<V: ValidatedValue>(_ key: String, _: V.Type) throws(Rejection) -> V? {
        guard let string = try string(key) else { return nil }
        return try Self.validate(string, as: V.self, field: key)
    }

    mutating func required<V: ValidatedValue>(_ key: String, _: V.Type) throws(Rejection) -> V {
        guard let value = try value(key, V.self) else { throw missing(key) }
        return value
    }

    mutating func values<V: ValidatedValue>(_ key: String, _: V.Type) throws(Rejection) -> [V]? {
        guard let strings = try strings(key) else { return nil }
        var values: [V] = []
        values.reserveCapacity(strings.count)
        for string in strings { values.append(try Self.validate(string, as: V.self, field: key)) }
        return values
    }

    mutating func text(_ key: String) throws(Rejection) -> DisplayText? {
        guard let string = try string(key) else { return nil }
        do {
            return try DisplayText(string, field: key)
        } catch {
            throw Self.rejection(error, key: key)
        }
    }

    /// One of an enumeration's raw values.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(Rejection) -> E?
    where E.RawValue == String {
        guard let string = try string(key) else { return nil }
        guard let value = E(rawValue: string) else {
            throw .malformed(
                "Argument \"\(key)\" of \(command) is \"\(string)\"; expected one of: \(E.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        return value
    }

    /// A comma-separated list of countries (`"GBR,USA"`), or a JSON list of them.
    mutating func countries(_ key: String) throws(Rejection) -> [CountryCode]? {
        guard let strings = try strings(key) else { return nil }
        do {
            return try HomeLocation.parseList(strings.joined(separator: ","))
        } catch {
            throw Self.rejection(error, key: key)
        }
    }

    static func validate<V: ValidatedValue>(_ string: String, as _: V.Type, field: String) throws(Rejection) -> V {
        do {
            return try V(string)
        } catch {
            throw rejection(error, key: field)
        }
    }

    /// A validation error as a malformed rejection that also names the argument.
    static func rejection(_ error: any Error, key: String) -> Rejection {
        .malformed("\(error) (argument \"\(key)\").")
    }
}
