import Testing

@testable import Provisioning

@Suite("Script lines")
struct ScriptLineTests {
    @Test func aLineCarriesTheActorCommandIDAndReason() throws {
        let line = try ScriptLineParser.parse(#"{"command": "sims reserve", "as": "mike", "command-id": "c-1", "reason": "order 42", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#)
        #expect(line.command == .reserveSIMs(ReserveSIMs(reseller: W.talkMail, iccids: [iccid("894453000000085788")])))
        #expect(line.actor == user("mike") && line.commandID == "c-1" && line.reason == "order 42")
    }

    @Test func aLineWithoutAsActsAsTheDefaultActorAndItsOwnAsWins() throws {
        let reserve = #"{"command": "sims reserve", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#
        #expect(try ScriptLineParser.parse(reserve, defaultActor: user("liziya")).actor == user("liziya"))
        let named = #"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#
        #expect(try ScriptLineParser.parse(named, defaultActor: user("liziya")).actor == user("mike"))
    }

    @Test func inheritAndExplicitSetsAndSecrets() throws {
        #expect(try ScriptLineParser.parse(#"{"command": "bundles assign", "as": "mike", "args": {"group": "Trial", "inherit": true}}"#).command
            == .assignCatalog(AssignCatalog(kind: .bundles, level: .group(W.trial), selection: .inherit)))
        #expect(try ScriptLineParser.parse(#"{"command": "roaming-policies assign", "as": "mike", "args": {"reseller": "Talk_Mail", "codes": ["B", "A"]}}"#).command
            == .assignCatalog(AssignCatalog(kind: .roamingPolicies, level: .reseller(W.talkMail), selection: .explicit([code("A"), code("B")]))))
        let line = try ScriptLineParser.parse(#"{"command": "subscriber set", "as": "mike", "args": {"subuid": "s00001d", "voice": "off", "hotspot": true}}"#)
        #expect(line.command == .changeSubscriber(ChangeSubscriber(subUID: subUID("s00001d"), features: FeatureChanges(voice: false, hotspot: true))))
        let branding = try ScriptLineParser.parse(#"{"command": "branding set", "as": "mike", "args": {"reseller": "Talk_Mail", "css": {"media-type": "text/css", "text": "a{}"}, "logo": {"media-type": "image/png", "base64": "iVBORw0KGgo="}}}"#)
        guard case .setBranding(let set) = branding.command else { Issue.record("not branding"); return }
        #expect(set.documents.map(\.kind) == [.logo, .css])
        #expect(set.documents[0].bytes == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test(arguments: [
        (#"not json"#, "not valid JSON"),
        (#"{"command": "sims borrow", "as": "mike"}"#, "Unknown command \"sims borrow\""),
        (#"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"], "colour": "red"}}"#, "no argument \"colour\""),
        (#"{"command": "sims reserve", "as": "mike", "args": {"reseller": 7, "iccids": []}}"#, "\"reseller\" of sims reserve must be a string"),
        (#"{"command": "group set", "as": "mike", "args": {"name": "Trial", "limit-sim-access": "maybe"}}"#, "\"limit-sim-access\""),
        (#"{"command": "sims reserve", "args": {"reseller": "Talk_Mail", "iccids": ["894453000000085788"]}}"#, "needs \"as\""),
        (#"{"command": "sims reserve", "as": "mike", "args": {"reseller": "Talk Mail", "iccids": ["894453000000085788"]}}"#, "(argument \"reseller\")"),
        (#"{"command": "sims bookin", "as": "mike", "args": {"sim-type": "X", "form": "esim", "iccids": ["12345"]}}"#, "ICCID '12345' is invalid"),
        (#"{"command": "bundles assign", "as": "mike", "args": {"group": "Trial", "inherit": true, "codes": ["A"]}}"#, "not both"),
        (#"{"command": "sims retire", "as": "mike", "args": {"why": "bored", "iccids": ["894453000000085788"]}}"#, "expected one of: lost, stolen, faulty"),
        (#"{"command": "init", "args": {"distributor": "A"}, "extra": 1}"#, "no argument \"extra\""),
    ])
    func aBadLineIsMalformedAndNamesWhatIsWrong(line: String, fragment: String) {
        do {
            _ = try ScriptLineParser.parse(line)
            Issue.record("accepted \(line)")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.message.contains(fragment), "\(error.message)")
        }
    }
}
