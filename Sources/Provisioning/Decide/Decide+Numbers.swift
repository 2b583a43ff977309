// The number inventory (guide 12.1): AVAILABLE -> ASSIGNED -> QUARANTINED(until)
// -> AVAILABLE once the date has passed (read from `now`), or by release.
extension Decider {
    func importNumbers(_ command: ImportNumbers) throws(Rejection) -> Decision {
        let reseller = try reseller(command.reseller)
        try permit(.manageNumbers, on: .reseller(reseller.name))
        try requireDistinct(command.numbers, what: "number", command: "numbers import")
        var events: [ProvisioningEvent] = []
        events.reserveCapacity(command.numbers.count)
        for number in command.numbers {
            if let existing = state.number(number) {
                throw .rule(
                    "Number \(number) is already in the inventory of reseller \(existing.reseller) (\(existing.status(at: now).rawValue)): a number is unique in the whole store; remove it from the list.")
            }
            events.append(.numberImported(NumberImported(number: number, reseller: reseller.name)))
        }
        return Decision(events: events)
    }

    func releaseNumbers(_ command: ReleaseNumbers) throws(Rejection) -> Decision {
        try requireDistinct(command.numbers, what: "number", command: "numbers release")
        var events: [ProvisioningEvent] = []
        for phoneNumber in command.numbers {
            let number = try number(phoneNumber)
            try permit(.manageNumbers, on: .reseller(number.reseller))
            switch number.status(at: now) {
            case .quarantined:
                events.append(
                    .numberReleased(
                        NumberReleased(number: phoneNumber, reseller: number.reseller, quarantinedUntil: number.quarantinedUntil!)))
            case .available:
                let ended = number.quarantinedUntil.map { " (its quarantine ended at \($0.iso8601))" } ?? ""
                throw .rule(
                    "Number \(phoneNumber) is already AVAILABLE\(ended); only a QUARANTINED number can be released.")
            case .assigned:
                throw .rule(
                    "Number \(phoneNumber) is ASSIGNED to subscriber \(number.subscriber?.rawValue ?? "?"); only a QUARANTINED number can be released: terminate the subscriber first.")
            }
        }
        return Decision(events: events)
    }
}
