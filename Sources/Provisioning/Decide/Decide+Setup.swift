// The store, its settings and its users.
extension Decider {
    func initializeStore(_ command: InitializeStore) throws(Rejection) -> Decision {
        if let existing = state.distributor() {
            throw .rule(
                "This store is already initialized for distributor \(existing.name): init runs once per store; use a new --store directory for another.")
        }
        return Decision(events: [
            .storeInitialized(
                StoreInitialized(
                    distributor: command.distributor, homeLocations: command.homeLocations, country: command.country,
                    address: command.address, numberQuarantineDays: DistributorRecord.defaultNumberQuarantineDays)),
            .userAdded(
                UserAdded(
                    username: command.adminUsername, name: command.adminName, email: command.adminEmail,
                    role: .distributor, reseller: nil, groups: [])),
        ])
    }

    func changeSettings(_ command: ChangeSettings) throws(Rejection) -> Decision {
        try permit(.changeSettings, on: .store)
        guard command.numberQuarantineDays != nil || command.smdpAddress != nil else {
            throw .malformed("settings set needs --number-quarantine-days or --smdp-address.")
        }
        if let days = command.numberQuarantineDays, !ChangeSettings.quarantineDaysRange.contains(days) {
            throw .malformed(
                "Number quarantine of \(days) days is out of range: give 0 to \(ChangeSettings.quarantineDaysRange.upperBound) days (45 is the US minimum aging period).")
        }
        let current = distributor
        let days = command.numberQuarantineDays ?? current.numberQuarantineDays
        let smdp = command.smdpAddress ?? current.smdpAddress
        guard days != current.numberQuarantineDays || smdp != current.smdpAddress else { return .unchanged }
        return Decision(events: [
            .settingsChanged(
                SettingsChanged(
                    distributor: current.name, numberQuarantineDaysBefore: current.numberQuarantineDays,
                    numberQuarantineDays: days, smdpAddressBefore: current.smdpAddress, smdpAddress: smdp))
        ])
    }

    func addUser(_ command: AddUser) throws(Rejection) -> Decision {
        let (reseller, groups) = try userScope(command)
        try permit(.addUsers, on: reseller.map { .reseller($0) } ?? .store)
        if state.user(command.username) != nil {
            throw .rule("User \(command.username) already exists: usernames are unique; choose another.")
        }
        return Decision(events: [
            .userAdded(
                UserAdded(
                    username: command.username, name: command.name, email: command.email, role: command.role,
                    reseller: reseller, groups: groups))
        ])
    }

    /// The reseller and groups a new user is bound to, checked against its role.
    private func userScope(_ command: AddUser) throws(Rejection) -> (Name?, [Name]) {
        let role = command.role
        switch role {
        case .distributor:
            guard command.reseller == nil, command.groups.isEmpty else {
                throw .malformed(
                    "A distributor user belongs to no reseller or group: drop --reseller and --group for user \(command.username).")
            }
            return (nil, [])
        case .reseller, .resellerDowngraded, .resellerSubsViewOnly:
            guard let name = command.reseller else {
                throw .malformed("A \(role.rawValue) user belongs to one reseller: give --reseller for user \(command.username).")
            }
            guard command.groups.isEmpty else {
                throw .malformed(
                    "A \(role.rawValue) user covers its whole reseller: drop --group for user \(command.username).")
            }
            return (try reseller(name).name, [])
        case .multiCustomer, .customer:
            if role == .customer, command.groups.count != 1 {
                throw .malformed("A customer user belongs to exactly one group: give one --group for user \(command.username).")
            }
            try requireDistinct(command.groups, what: "group", command: "user add --role \(role.rawValue)")
            var owner: Name?
            for name in command.groups {
                let group = try group(name)
                if let owner, owner != group.reseller {
                    throw .rule(
                        "Group \(group.name) belongs to reseller \(group.reseller), not \(owner): a multi-customer user's groups are all of one reseller.")
                }
                owner = group.reseller
            }
            if let given = command.reseller, given != owner {
                throw .rule(
                    "Reseller \(given) is not the reseller of group \(command.groups[0]) (\(owner!)): drop --reseller or name the group's reseller.")
            }
            return (owner, command.groups)
        }
    }
}
