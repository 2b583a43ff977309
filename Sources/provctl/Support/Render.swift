import Provisioning
import ReadModels

/// JSON documents of the records, with the contract's lower-case hyphenated keys.
enum Render {
    static func text(_ value: (some ValidatedValue)?) -> JSONValue { .optional(value?.rawValue) }
    static func texts(_ values: [some ValidatedValue]) -> JSONValue { .array(values.map { .string($0.rawValue) }) }

    static func pbx(_ pbx: PBXRecord) -> JSONValue {
        .object([
            ("name", .string(pbx.name.rawValue)), ("type", .string(pbx.type.rawValue)),
            ("home-location", .string(pbx.homeLocation.rawValue)), ("country", .string(pbx.country.rawValue)),
            ("domain", text(pbx.domain)), ("emergency-callback", .bool(pbx.emergencyCallback)),
            ("voicemail-deposit", text(pbx.voicemailDeposit)), ("voicemail-retrieval", text(pbx.voicemailRetrieval)),
        ])
    }

    static func product(_ product: ProductRecord) -> JSONValue {
        .object([("code", .string(product.code.rawValue)), ("name", .string(product.name.rawValue)), ("type", .string(product.type.rawValue))])
    }

    static func bundle(_ bundle: BundleRecord) -> JSONValue {
        .object([
            ("code", .string(bundle.code.rawValue)), ("name", .string(bundle.name.rawValue)),
            ("description", text(bundle.description)), ("type", .string(bundle.type.rawValue)),
            ("home-location", .string(bundle.homeLocation.rawValue)),
        ])
    }

    static func roamingPolicy(_ policy: RoamingPolicyRecord) -> JSONValue {
        .object([
            ("name", .string(policy.name.rawValue)), ("description", text(policy.description)),
            ("type", .string(policy.type.rawValue)), ("home-location", .string(policy.homeLocation.rawValue)),
        ])
    }

    static func networkProfile(_ profile: NetworkProfileRecord) -> JSONValue {
        .object([("name", .string(profile.name.rawValue)), ("spn", .string(profile.spn.rawValue))])
    }

    static func selection(_ selection: CatalogSelection) -> JSONValue {
        switch selection {
        case .inherit: .string("inherit")
        case .explicit(let codes): texts(codes)
        }
    }

    static func catalogChoices(_ catalog: CatalogChoices) -> JSONValue {
        .object([
            ("products", selection(catalog.products)), ("bundles", selection(catalog.bundles)),
            ("roaming-policies", selection(catalog.roamingPolicies)), ("network-profiles", texts(catalog.networkProfiles)),
            ("default-bundle", text(catalog.defaultBundle)), ("default-network-profile", text(catalog.defaultNetworkProfile)),
            ("default-roaming-policy", text(catalog.defaultRoamingPolicy)),
        ])
    }

    static func address(_ address: PostalAddress?) -> JSONValue {
        guard let address else { return .null }
        return .object([
            ("address1", .string(address.line1.rawValue)), ("address2", text(address.line2)),
            ("city", text(address.city)), ("state", text(address.state)),
        ])
    }

    static func reseller(_ reseller: ResellerRecord, counts: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(reseller.name.rawValue)), ("description", text(reseller.description)),
            ("home-locations", texts(reseller.homeLocations)), ("country", .string(reseller.country.rawValue)),
            ("address", address(reseller.address)), ("catalog", catalogChoices(reseller.catalog)),
            ("branding", .object([
                ("product-name", text(reseller.branding.productName)),
                ("support-email", text(reseller.branding.supportEmail)),
                ("documents", .array(reseller.branding.documents.map { document in
                    .object([
                        ("kind", .string(document.kind.rawValue)), ("content-hash", .string(document.contentHash)),
                        ("size", .int(Int64(document.size))), ("media-type", .string(document.mediaType)),
                    ])
                })),
            ])),
        ]
        if !counts.isEmpty { members.append(("counts", .object(counts))) }
        return .object(members)
    }

    static func group(_ group: GroupRecord, counts: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(group.name.rawValue)), ("reseller", .string(group.reseller.rawValue)),
            ("description", text(group.description)), ("domain", .string(group.domain.rawValue)),
            ("enterprise-number", text(group.enterpriseNumber)), ("home-locations", texts(group.homeLocations)),
            ("limit-sim-access", .bool(group.limitSIMAccess)), ("catalog", catalogChoices(group.catalog)),
        ]
        if !counts.isEmpty { members.append(("counts", .object(counts))) }
        return .object(members)
    }

    static func user(_ user: UserRecord) -> JSONValue {
        .object([
            ("username", .string(user.username.rawValue)), ("name", .string(user.name.rawValue)),
            ("email", .string(user.email.rawValue)), ("role", .string(user.role.rawValue)),
            ("reseller", text(user.reseller)), ("groups", texts(user.groups)),
        ])
    }

    static func sim(_ sim: SIMRecord) -> JSONValue {
        .object([
            ("iccid", .string(sim.iccid.rawValue)), ("sim-type", .string(sim.simType.rawValue)),
            ("form", .string(sim.form.rawValue)), ("status", .string(sim.status.rawValue)),
            ("reseller", text(sim.reseller)), ("group", text(sim.group)), ("subscriber", text(sim.subscriber)),
            ("imsi", text(sim.imsi)), ("activation-code-fingerprint", .optional(sim.activation?.fingerprint)),
            ("smdp-address", text(sim.activation?.smdpAddress)),
            ("retirement-reason", .optional(sim.retirementReason?.rawValue)),
        ])
    }

    static func number(_ number: NumberRecord, at time: Timestamp) -> JSONValue {
        let status = number.status(at: time)
        return .object([
            ("number", .string(number.number.rawValue)), ("reseller", .string(number.reseller.rawValue)),
            ("status", .string(status.rawValue)),
            ("subscriber", status == .assigned ? text(number.subscriber) : .null),
            ("quarantined-until", status == .quarantined ? .optional(number.quarantinedUntil?.iso8601) : .null),
        ])
    }

    static func onOff(_ flag: Bool) -> String { flag ? "ON" : "OFF" }
}
