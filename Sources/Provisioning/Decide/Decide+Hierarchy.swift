// Resellers and groups (guide 4-5).
extension Decider {
    func createReseller(_ command: CreateReseller) throws(Rejection) -> Decision {
        try permit(.manageResellers, on: .store)
        if state.reseller(command.name) != nil {
            throw .rule("Reseller \(command.name) already exists: reseller names are unique; choose another.")
        }
        // "Inherit data" copies the distributor's values at creation; what is given wins.
        let parent = command.inheritData ? distributor : nil
        let homeLocations = command.homeLocations.isEmpty ? (parent?.homeLocations ?? []) : command.homeLocations
        guard !homeLocations.isEmpty else {
            throw .malformed(
                "Reseller \(command.name) needs a home location: give --home-location (such as GBR,USA)\(inheritDataHint(command.inheritData)).")
        }
        guard let country = command.country ?? parent?.country else {
            throw .malformed(
                "Reseller \(command.name) needs a country: give --country\(inheritDataHint(command.inheritData)).")
        }
        guard let address = command.address ?? parent?.address else {
            throw .malformed(
                "Reseller \(command.name) needs an address: give --address1\(inheritDataHint(command.inheritData)).")
        }
        return Decision(events: [
            .resellerCreated(
                ResellerCreated(
                    name: command.name, description: command.description, homeLocations: homeLocations.sortedUnique,
                    country: country, address: address, inheritConfiguration: command.inheritConfiguration,
                    dataInherited: command.inheritData))
        ])
    }

    private func inheritDataHint(_ inheritData: Bool) -> String {
        inheritData ? " (the distributor has none to inherit)" : ", or --inherit-data to copy the distributor's"
    }

    func createGroup(_ command: CreateGroup) throws(Rejection) -> Decision {
        let reseller = try reseller(command.reseller)
        try permit(.manageGroups, on: .reseller(reseller.name))
        if let existing = state.group(command.name) {
            throw .rule(
                "Group \(command.name) already exists (under reseller \(existing.reseller)): group names are unique in the store; choose another.")
        }
        let homeLocations = command.homeLocations.isEmpty && command.inheritData
            ? reseller.homeLocations : command.homeLocations
        guard !homeLocations.isEmpty else {
            throw .malformed(
                "Group \(command.name) needs a home location: give --home-location (such as USA), or --inherit-data to copy reseller \(reseller.name)'s.")
        }
        for country in homeLocations where !reseller.homeLocations.contains(country) {
            throw .rule(
                "Home location \(country) of group \(command.name) is not among those of reseller \(reseller.name) (\(reseller.homeLocations.map(\.rawValue).joined(separator: ","))): choose among them.")
        }
        return Decision(events: [
            .groupCreated(
                GroupCreated(
                    name: command.name, reseller: reseller.name, description: command.description,
                    domain: command.domain, enterpriseNumber: command.enterpriseNumber,
                    homeLocations: homeLocations.sortedUnique, limitSIMAccess: command.limitSIMAccess,
                    inheritConfiguration: command.inheritConfiguration, dataInherited: command.inheritData))
        ])
    }

    func setGroupSIMAccess(_ command: SetGroupSIMAccess) throws(Rejection) -> Decision {
        let group = try group(command.group)
        try permit(.manageGroups, on: group.scope)
        guard group.limitSIMAccess != command.limitSIMAccess else { return .unchanged }
        return Decision(events: [
            .groupSIMAccessChanged(
                GroupSIMAccessChanged(
                    group: group.name, reseller: group.reseller, limitSIMAccessBefore: group.limitSIMAccess,
                    limitSIMAccess: command.limitSIMAccess))
        ])
    }
}

extension Array where Element: Comparable & Hashable {
    var sortedUnique: [Element] { Array(Set(self)).sorted() }
}
