import FoundationEssentials

/// Parses the lines of a `provctl run` script:
/// `{"command": "sims reserve", "as": "mike", "args": {...}, "command-id": "...", "reason": "..."}`.
///
/// Command names are the CLI's; argument keys are its long option names without
/// `--`; positional arguments are `name`, `code`, `codes`, `username`, `iccids`,
/// `numbers` and `subuid`; `"inherit": true` stands for `--inherit`. A secret
/// (`pbx-password`) may be given inline. Branding documents are objects
/// `{"media-type": "image/png", "base64": "..."}` or `{"media-type": "text/css", "text": "..."}`.
/// Anything unknown or of the wrong JSON type is a `.malformed` rejection naming it.
public enum ScriptLineParser {
    /// The command names a script line may use.
    public static let commandNames = [
        "init", "settings set", "pbx add", "product define", "bundle define", "roaming-policy define",
        "network-profile define", "reseller create", "group create", "group set", "products assign",
        "bundles assign", "bundles default", "roaming-policies assign", "roaming-policies default",
        "network-profiles assign", "network-profiles default", "user add", "sims bookin", "sims reserve",
        "sims allocate", "sims unallocate", "sims unreserve", "sims retire", "numbers import", "numbers release",
        "subscriber provision", "subscriber set", "subscriber terminate", "branding set",
    ]

    /// `defaultActor` acts for a line without `"as"` (`provctl run --as USER`).
    public static func parse(_ line: String, defaultActor: Username? = nil) throws(Rejection) -> ScriptLine {
        let parsed: JSONParser.Parsed
        do {
            parsed = try JSONParser.parse(line)
        } catch {
            throw .malformed("The script line is not valid JSON: write one JSON object per line.")
        }
        guard let fields = parsed.value as? [String: Any] else {
            throw .malformed("The script line is not a JSON object: write {\"command\": ..., \"as\": ..., \"args\": {...}}.")
        }
        if let key = parsed.duplicateKey {
            throw .malformed("The script line gives the key \"\(key)\" twice in one object: give each key once.")
        }
        var top = ScriptArguments(fields, command: "A script line")
        let name = try top.requiredString("command")
        guard commandNames.contains(name) else {
            throw .malformed(
                "Unknown command \"\(name)\": a script line uses the CLI's command names, such as \"sims reserve\".")
        }
        let actor = try top.value("as", Username.self) ?? defaultActor
        let commandID = try top.string("command-id")
        let correlationID = try top.string("correlation-id")
        let reason = try top.string("reason")
        var args = ScriptArguments(try top.object("args") ?? [:], command: name)
        try top.finish()
        let command = try parseCommand(name, &args)
        try args.finish()
        if actor == nil, name != "init" {
            throw .malformed(
                "The script line for \(name) needs \"as\": the Control Panel user who acts (or run the file with --as USER).")
        }
        return ScriptLine(
            command: command, actor: actor, commandID: commandID, correlationID: correlationID, reason: reason)
    }

    /// The command `name` with its `args` object already decoded (the CLI builds it
    /// from its options): the same checks as a script line, without a JSON round trip.
    public static func command(named name: String, arguments: [String: Any]) throws(Rejection) -> Command {
        guard commandNames.contains(name) else {
            throw .malformed("Unknown command \"\(name)\": use the CLI's command names, such as \"sims reserve\".")
        }
        var args = ScriptArguments(arguments, command: name)
        let command = try parseCommand(name, &args)
        try args.finish()
        return command
    }

    private static func parseCommand(_ name: String, _ args: inout ScriptArguments) throws(Rejection) -> Command {
        switch name {
        case "init":
            let admin = try args.required("admin", Username.self)
            return .initializeStore(
                InitializeStore(
                    distributor: try args.required("distributor", Name.self), adminUsername: admin,
                    adminName: try args.text("admin-name") ?? DisplayText(unchecked: admin.rawValue),
                    adminEmail: try args.required("admin-email", Email.self),
                    homeLocations: try args.countries("home-location") ?? [],
                    country: try args.value("country", CountryCode.self), address: try address(&args)))
        case "settings set":
            return .changeSettings(
                ChangeSettings(
                    numberQuarantineDays: try args.int("number-quarantine-days"),
                    smdpAddress: try args.value("smdp-address", FQDN.self)))
        case "pbx add":
            return .addPBX(
                AddPBX(
                    name: try args.required("name", CatalogCode.self),
                    type: try required(args.choice("type", PBXType.self), "type", args),
                    homeLocation: try args.required("home-location", HomeLocation.self),
                    country: try args.required("country", CountryCode.self), domain: try args.value("domain", FQDN.self),
                    emergencyCallback: try args.flag("emergency-callback"),
                    voicemailDeposit: try args.value("voicemail-deposit", DialString.self),
                    voicemailRetrieval: try args.value("voicemail-retrieval", DialString.self)))
        case "product define":
            return .defineProduct(
                DefineProduct(
                    code: try args.required("code", CatalogCode.self),
                    name: try required(args.text("name"), "name", args),
                    type: try args.choice("type", ProductType.self) ?? .enterprise))
        case "bundle define":
            return .defineBundle(
                DefineBundle(
                    code: try args.required("code", CatalogCode.self), name: try required(args.text("name"), "name", args),
                    description: try args.value("description", Description.self),
                    homeLocation: try args.required("home-location", HomeLocation.self)))
        case "roaming-policy define":
            return .defineRoamingPolicy(
                DefineRoamingPolicy(
                    name: try args.required("name", CatalogCode.self),
                    description: try args.value("description", Description.self),
                    homeLocation: try args.required("home-location", HomeLocation.self)))
        case "network-profile define":
            return .defineNetworkProfile(
                DefineNetworkProfile(name: try args.required("name", CatalogCode.self), spn: try args.required("spn", SPN.self)))
        case "reseller create":
            return .createReseller(
                CreateReseller(
                    name: try args.required("name", Name.self), description: try args.value("description", Description.self),
                    homeLocations: try args.countries("home-location") ?? [],
                    country: try args.value("country", CountryCode.self), address: try address(&args),
                    inheritConfiguration: !(try args.flag("no-inherit-configuration")),
                    inheritData: try args.flag("inherit-data")))
        case "group create":
            return .createGroup(
                CreateGroup(
                    name: try args.required("name", Name.self), reseller: try args.required("reseller", Name.self),
                    description: try args.value("description", Description.self),
                    domain: try args.required("domain", TenantID.self),
                    enterpriseNumber: try args.value("enterprise-number", PhoneNumber.self),
                    homeLocations: try args.countries("home-location") ?? [],
                    limitSIMAccess: try args.onOff("limit-sim-access") ?? false,
                    inheritConfiguration: !(try args.flag("no-inherit-configuration")),
                    inheritData: try args.flag("inherit-data")))
        case "group set":
            return .setGroupSIMAccess(
                SetGroupSIMAccess(
                    group: try args.required("name", Name.self),
                    limitSIMAccess: try required(args.onOff("limit-sim-access"), "limit-sim-access", args)))
        case "products assign", "bundles assign", "roaming-policies assign":
            let kind = CatalogKind(rawValue: String(name.dropLast(" assign".count)))!
            let level = try level(&args)
            let inherit = try args.flag("inherit")
            let codes = try args.values("codes", CatalogCode.self)
            switch (inherit, codes) {
            case (true, nil): return .assignCatalog(AssignCatalog(kind: kind, level: level, selection: .inherit))
            case (false, let codes?):
                return .assignCatalog(AssignCatalog(kind: kind, level: level, selection: .explicitSet(codes)))
            default:
                throw .malformed("\(name) needs either \"codes\" (a list) or \"inherit\": true, not both.")
            }
        case "network-profiles assign":
            return .assignNetworkProfiles(
                AssignNetworkProfiles(
                    level: try level(&args),
                    profiles: try required(args.values("codes", CatalogCode.self), "codes", args)))
        case "bundles default", "network-profiles default", "roaming-policies default":
            let kind: DefaultKind =
                name.hasPrefix("bundles") ? .bundle : name.hasPrefix("network") ? .networkProfile : .roamingPolicy
            return .setDefault(
                SetCatalogDefault(kind: kind, level: try level(&args), item: try args.required("code", CatalogCode.self)))
        case "user add":
            return .addUser(
                AddUser(
                    username: try args.required("username", Username.self),
                    name: try required(args.text("name"), "name", args), email: try args.required("email", Email.self),
                    role: try required(args.choice("role", Role.self), "role", args),
                    reseller: try args.value("reseller", Name.self), groups: try args.values("group", Name.self) ?? []))
        case "sims bookin":
            let noCheckDigit = try args.flag("no-check-digit")
            var sims: [SIMBookIn] = []
            if let iccids = args.stringArray("iccids") {
                sims.reserveCapacity(iccids.count)
                for iccid in iccids { sims.append(SIMBookIn(iccid: try bookInICCID(iccid, noCheckDigit: noCheckDigit))) }
            } else {
                guard let items = try args.list("iccids") else { throw args.missing("iccids") }
                sims.reserveCapacity(items.count)
                for item in items { sims.append(try bookInItem(item, noCheckDigit: noCheckDigit)) }
            }
            return .bookInSIMs(
                BookInSIMs(
                    sims: sims, simType: try args.required("sim-type", SIMTypeCode.self),
                    form: try required(args.choice("form", SIMForm.self), "form", args),
                    batchHasNoCheckDigit: noCheckDigit))
        case "sims reserve":
            return .reserveSIMs(
                ReserveSIMs(reseller: try args.required("reseller", Name.self), iccids: try iccids(&args)))
        case "sims allocate":
            return .allocateSIMs(AllocateSIMs(group: try args.required("group", Name.self), iccids: try iccids(&args)))
        case "sims unallocate":
            return .unallocateSIMs(UnallocateSIMs(iccids: try iccids(&args)))
        case "sims unreserve":
            return .unreserveSIMs(UnreserveSIMs(iccids: try iccids(&args)))
        case "sims retire":
            let reason = try required(args.choice("why", SIMRetirementReason.self), "why", args)
            guard SIMRetirementReason.operatorReasons.contains(reason) else {
                throw .malformed("Argument \"why\" of sims retire must be lost, stolen or faulty.")
            }
            return .retireSIMs(RetireSIMs(iccids: try iccids(&args), reason: reason))
        case "numbers import":
            return .importNumbers(
                ImportNumbers(
                    reseller: try args.required("reseller", Name.self),
                    numbers: try required(args.values("numbers", PhoneNumber.self), "numbers", args)))
        case "numbers release":
            return .releaseNumbers(
                ReleaseNumbers(numbers: try required(args.values("numbers", PhoneNumber.self), "numbers", args)))
        case "subscriber provision":
            return .provisionSubscriber(try provision(&args))
        case "subscriber set":
            return .changeSubscriber(
                ChangeSubscriber(
                    subUID: try args.required("subuid", SubUID.self),
                    features: FeatureChanges(
                        voice: try args.onOff("voice"), data: try args.onOff("data"),
                        messaging: try args.onOff("messaging"), hotspot: try args.onOff("hotspot")),
                    bundle: try args.value("bundle", CatalogCode.self),
                    roamingPolicy: try args.value("roaming-policy", CatalogCode.self)))
        case "subscriber terminate":
            return .terminateSubscriber(
                TerminateSubscriber(
                    subUID: try args.required("subuid", SubUID.self),
                    reason: try required(args.choice("why", TerminationReason.self), "why", args),
                    note: try args.text("note")))
        case "branding set":
            var documents: [BrandingUpload] = []
            for kind in BrandingDocumentKind.allCases {
                if let object = try args.object(kind.rawValue) {
                    documents.append(try upload(kind, object))
                }
            }
            return .setBranding(
                SetBranding(
                    reseller: try args.required("reseller", Name.self), productName: try args.text("product-name"),
                    supportEmail: try args.value("support-email", Email.self), documents: documents))
        default:
            throw .malformed("Unknown command \"\(name)\".")
        }
    }

    private static func required<T>(_ value: T?, _ key: String, _ args: ScriptArguments) throws(Rejection) -> T {
        guard let value else { throw args.missing(key) }
        return value
    }

    /// `"reseller": NAME` or `"group": NAME`, exactly one.
    private static func level(_ args: inout ScriptArguments) throws(Rejection) -> CatalogLevel {
        let reseller = try args.value("reseller", Name.self)
        let group = try args.value("group", Name.self)
        switch (reseller, group) {
        case (let reseller?, nil): return .reseller(reseller)
        case (nil, let group?): return .group(group)
        default: throw .malformed("\(args.command) needs either \"reseller\" or \"group\", not both.")
        }
    }

    private static func address(_ args: inout ScriptArguments) throws(Rejection) -> PostalAddress? {
        let line1 = try args.text("address1")
        let line2 = try args.text("address2")
        let city = try args.text("city")
        let state = try args.text("state")
        guard let line1 else {
            if line2 != nil || city != nil || state != nil {
                throw .malformed("\(args.command) has an address without \"address1\": give its first line.")
            }
            return nil
        }
        return PostalAddress(line1: line1, line2: line2, city: city, state: state)
    }

    /// ICCIDs naming SIMs already in the inventory: accepted with or without a
    /// check digit, since the book-in already validated them.
    private static func iccids(_ args: inout ScriptArguments) throws(Rejection) -> [ICCID] {
        guard let strings = try args.strings("iccids") else { throw args.missing("iccids") }
        var iccids: [ICCID] = []
        iccids.reserveCapacity(strings.count)
        for string in strings { iccids.append(try existingICCID(string, key: "iccids")) }
        return iccids
    }

    static func existingICCID(_ string: String, key: String) throws(Rejection) -> ICCID {
        if let iccid = try? ICCID(string) { return iccid }
        do {
            return try ICCID(string, batchHasNoCheckDigit: true)
        } catch {
            throw ScriptArguments.rejection(error, key: key)
        }
    }

    private static func bookInICCID(_ string: String, noCheckDigit: Bool) throws(Rejection) -> ICCID {
        do {
            return try ICCID(string, batchHasNoCheckDigit: noCheckDigit)
        } catch {
            throw ScriptArguments.rejection(error, key: "iccids")
        }
    }

    private static func bookInItem(_ item: Any, noCheckDigit: Bool) throws(Rejection) -> SIMBookIn {
        if let string = item as? String { return SIMBookIn(iccid: try bookInICCID(string, noCheckDigit: noCheckDigit)) }
        guard let object = item as? [String: Any] else {
            throw .malformed(
                "Each item of \"iccids\" of sims bookin is an ICCID or an object {\"iccid\", \"imsi\", \"activation-code\"}.")
        }
        var fields = ScriptArguments(object, command: "An item of sims bookin")
        let sim = SIMBookIn(
            iccid: try bookInICCID(try fields.requiredString("iccid"), noCheckDigit: noCheckDigit),
            imsi: try fields.value("imsi", IMSI.self),
            activationCode: try fields.value("activation-code", ActivationCode.self))
        try fields.finish()
        return sim
    }

    private static func provision(_ args: inout ScriptArguments) throws(Rejection) -> ProvisionSubscriber {
        let sim: ICCID? =
            if let string = try args.string("sim") { try existingICCID(string, key: "sim") } else { nil }
        let defaults = Features.wizardDefaults
        return ProvisionSubscriber(
            group: try args.required("group", Name.self), name: try args.required("name", Name.self),
            firstName: try required(args.text("first-name"), "first-name", args),
            lastName: try required(args.text("last-name"), "last-name", args),
            email: try args.required("email", Email.self),
            homeLocation: try args.required("home-location", CountryCode.self),
            description: try args.value("description", Description.self),
            bundle: try args.value("bundle", CatalogCode.self), billingID: try args.value("billing-id", Name.self),
            form: try args.choice("form", SIMForm.self) ?? .esim,
            networkProfile: try args.value("network-profile", CatalogCode.self), sim: sim,
            number: try args.required("number", PhoneNumber.self),
            roamingPolicy: try args.value("roaming-policy", CatalogCode.self),
            pbx: try args.value("pbx", CatalogCode.self), extensionNumber: try args.value("extension", Extension.self),
            businessNumber: try args.value("business-number", PhoneNumber.self),
            sipUser: try args.value("sip-user", Username.self), pbxUsername: try args.value("pbx-username", Username.self),
            pbxPassword: try args.string("pbx-password").map(SecretBytes.init(utf8:)),
            features: Features(
                voice: try args.onOff("voice") ?? defaults.voice, data: try args.onOff("data") ?? defaults.data,
                messaging: try args.onOff("messaging") ?? defaults.messaging,
                hotspot: try args.onOff("hotspot") ?? defaults.hotspot))
    }

    private static func upload(_ kind: BrandingDocumentKind, _ object: [String: Any]) throws(Rejection) -> BrandingUpload {
        var fields = ScriptArguments(object, command: "The \(kind.rawValue) document of branding set")
        let mediaType = try fields.requiredString("media-type")
        let bytes: [UInt8]
        switch (try fields.string("base64"), try fields.string("text")) {
        case (let encoded?, nil):
            guard let data = Data(base64Encoded: encoded) else {
                throw .malformed("The \(kind.rawValue) document's \"base64\" is not valid base64.")
            }
            bytes = Array(data)
        case (nil, let text?):
            bytes = Array(text.utf8)
        default:
            throw .malformed("The \(kind.rawValue) document needs either \"base64\" or \"text\".")
        }
        try fields.finish()
        return BrandingUpload(kind: kind, mediaType: mediaType, bytes: bytes)
    }
}
