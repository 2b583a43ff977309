// The distributor's catalog (guide 3, 6-9) and what each level holds of it.
extension Decider {
    func addPBX(_ command: AddPBX) throws(Rejection) -> Decision {
        try permit(.defineCatalog, on: .store)
        if state.pbx(command.name) != nil {
            throw .rule("PBX \(command.name) already exists: PBX names are unique; choose another.")
        }
        return Decision(events: [
            .pbxAdded(
                PBXAdded(
                    name: command.name, type: command.type, homeLocation: command.homeLocation, country: command.country,
                    domain: command.domain, emergencyCallback: command.emergencyCallback,
                    voicemailDeposit: command.voicemailDeposit, voicemailRetrieval: command.voicemailRetrieval))
        ])
    }

    func defineProduct(_ command: DefineProduct) throws(Rejection) -> Decision {
        try permit(.defineCatalog, on: .store)
        try requireNewCatalogCode(.products, command.code)
        return Decision(events: [
            .productDefined(ProductDefined(code: command.code, name: command.name, type: command.type))
        ])
    }

    func defineBundle(_ command: DefineBundle) throws(Rejection) -> Decision {
        try permit(.defineCatalog, on: .store)
        try requireNewCatalogCode(.bundles, command.code)
        return Decision(events: [
            .bundleDefined(
                BundleDefined(
                    code: command.code, name: command.name, description: command.description, type: .subscriber,
                    homeLocation: command.homeLocation))
        ])
    }

    func defineRoamingPolicy(_ command: DefineRoamingPolicy) throws(Rejection) -> Decision {
        try permit(.defineCatalog, on: .store)
        try requireNewCatalogCode(.roamingPolicies, command.name)
        return Decision(events: [
            .roamingPolicyDefined(
                RoamingPolicyDefined(
                    name: command.name, description: command.description, type: .standard,
                    homeLocation: command.homeLocation))
        ])
    }

    func defineNetworkProfile(_ command: DefineNetworkProfile) throws(Rejection) -> Decision {
        try permit(.defineCatalog, on: .store)
        try requireNewCatalogCode(.networkProfiles, command.name)
        return Decision(events: [
            .networkProfileDefined(NetworkProfileDefined(name: command.name, spn: command.spn))
        ])
    }

    private func requireNewCatalogCode(_ kind: CatalogKind, _ code: CatalogCode) throws(Rejection) {
        if state.catalogItemExists(kind, code) {
            throw .rule(
                "The \(kind.singular) \(code) already exists: \(kind.singular) codes are unique; choose another.")
        }
    }

    // MARK: Assigning

    func assignCatalog(_ command: AssignCatalog) throws(Rejection) -> Decision {
        guard command.kind.isInheritable else {
            guard let profiles = command.selection.explicitCodes else {
                throw .malformed(
                    "Network profiles are never inherited: name the profiles for \(command.level.spoken) with network-profiles assign.")
            }
            return try assignNetworkProfiles(AssignNetworkProfiles(level: command.level, profiles: profiles))
        }
        return try assign(command.kind, command.selection, to: command.level)
    }

    func assignNetworkProfiles(_ command: AssignNetworkProfiles) throws(Rejection) -> Decision {
        try assign(.networkProfiles, .explicitSet(command.profiles), to: command.level)
    }

    /// Replaces what a level holds of one kind. An explicit set must be a subset of
    /// what the parent offers; narrowing a reseller must not leave one of its groups
    /// holding an item the reseller no longer offers; a default whose item leaves a
    /// level (or a group inheriting from it) is cleared by a `catalog.default-cleared`
    /// event in the same decision.
    private func assign(
        _ kind: CatalogKind, _ requested: CatalogSelection, to level: CatalogLevel
    ) throws(Rejection) -> Decision {
        let scope = try scope(of: level)
        try permit(level.isReseller ? .manageResellerCatalog : .manageGroupCatalog, on: scope)
        let selection: CatalogSelection =
            switch requested {
            case .inherit: .inherit
            case .explicit(let codes): .explicitSet(codes)
            }
        if case .explicit(let codes) = requested {
            for code in codes {
                guard state.catalogItemExists(kind, code) else {
                    throw .notFound(
                        "The \(kind.singular) \(code) does not exist: check the name, or define it with \(kind.defineCommand).")
                }
            }
        }
        let before = state.catalogChoices(of: level)!.selection(kind)
        guard before != selection else { return .unchanged }
        var events: [ProvisioningEvent] = []
        let resellerName = scope.reseller!

        switch level {
        case .reseller:
            let reseller = try reseller(resellerName)
            let offersAfter = { (code: CatalogCode) -> Bool in
                switch selection {
                case .inherit: state.catalogItemExists(kind, code)
                case .explicit(let codes): codes.contains(code)
                }
            }
            events += clearedDefault(kind, of: level, reseller: resellerName, choices: reseller.catalog, offersAfter)
            for groupName in state.groupNames(ofReseller: resellerName) {
                guard let group = state.group(groupName) else { continue }
                switch group.catalog.selection(kind) {
                case .explicit(let held):
                    if let orphan = held.first(where: { !offersAfter($0) }) {
                        throw .rule(
                            "Group \(group.name) holds the \(kind.singular) \(orphan), which reseller \(resellerName) would no longer offer: remove it from the group first (\(kind.assignCommand) --group \(group.name)).")
                    }
                case .inherit:
                    events += clearedDefault(
                        kind, of: .group(group.name), reseller: resellerName, choices: group.catalog, offersAfter)
                }
            }
        case .group(let name):
            let group = try group(name)
            let reseller = try reseller(group.reseller)
            if case .explicit(let codes) = selection {
                for code in codes where !state.resellerOffers(reseller, kind, code) {
                    throw .rule(
                        "Reseller \(reseller.name) does not offer the \(kind.singular) \(code), so group \(name) cannot have it: a group's \(kind.rawValue) are among its reseller's; assign it to the reseller first.")
                }
            }
            let offersAfter = { (code: CatalogCode) -> Bool in
                switch selection {
                case .inherit: state.resellerOffers(reseller, kind, code)
                case .explicit(let codes): codes.contains(code)
                }
            }
            events += clearedDefault(kind, of: level, reseller: resellerName, choices: group.catalog, offersAfter)
        }
        let assigned = CatalogAssigned(kind: kind, level: level, reseller: resellerName, before: before, after: selection)
        return Decision(events: [.catalogAssigned(assigned)] + events)
    }

    /// A `catalog.default-cleared` event when the level's default of this kind
    /// will no longer be offered to it.
    private func clearedDefault(
        _ kind: CatalogKind, of level: CatalogLevel, reseller: Name, choices: CatalogChoices,
        _ offersAfter: (CatalogCode) -> Bool
    ) -> [ProvisioningEvent] {
        guard let defaultKind = DefaultKind.allCases.first(where: { $0.catalogKind == kind }),
            let current = choices.defaultItem(defaultKind), !offersAfter(current)
        else { return [] }
        return [
            .catalogDefaultCleared(
                CatalogDefaultCleared(kind: defaultKind, level: level, reseller: reseller, item: current))
        ]
    }

    // MARK: Defaults

    func setDefault(_ command: SetCatalogDefault) throws(Rejection) -> Decision {
        let level = command.level
        let scope = try scope(of: level)
        try permit(level.isReseller ? .manageResellerCatalog : .manageGroupCatalog, on: scope)
        let kind = command.kind.catalogKind
        if command.kind == .roamingPolicy, level.isReseller {
            throw .rule(
                "A reseller has no default roaming policy: set the default per group (roaming-policies default --group NAME).")
        }
        guard state.catalogItemExists(kind, command.item) else {
            throw .notFound(
                "The \(kind.singular) \(command.item) does not exist: check the name, or define it with \(kind.defineCommand).")
        }
        guard state.offers(level, kind, command.item) else {
            throw .rule(
                "The \(kind.singular) \(command.item) is not among the \(kind.rawValue) of \(level.spoken): a default must be one of its items; assign it first (\(kind.assignCommand)).")
        }
        let before = state.catalogChoices(of: level)!.defaultItem(command.kind)
        guard before != command.item else { return .unchanged }
        return Decision(events: [
            .catalogDefaultSet(
                CatalogDefaultSet(
                    kind: command.kind, level: level, reseller: scope.reseller!, before: before, after: command.item))
        ])
    }
}

extension CatalogLevel {
    var isReseller: Bool {
        if case .reseller = self { true } else { false }
    }
}

extension CatalogKind {
    /// The CLI command that defines an item of this kind.
    var defineCommand: String {
        switch self {
        case .products: "product define"
        case .bundles: "bundle define"
        case .roamingPolicies: "roaming-policy define"
        case .networkProfiles: "network-profile define"
        }
    }
}
