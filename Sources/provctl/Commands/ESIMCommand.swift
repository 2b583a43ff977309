import ArgumentParser
import FoundationEssentials
import Provisioning
import Engine
import ReadModels

extension SubscriberCommand {
    struct ESIM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "esim", abstract: "Show a subscriber's eSIM activation code, as text or a QR code (guide 13.3).",
            discussion: """
                The code is a credential: it needs --as naming a user allowed to see the subscriber (exit 77 \
                otherwise). A terminated subscriber's eSIM is retired and its code is not shown (exit 68). \
                Without --qr the code is printed as text; --qr terminal draws it with block characters, svg \
                and png write an image (to --output FILE, created readable by its owner only, or to standard \
                output).

                Example:
                  provctl --as alice subscriber esim s00002g
                  provctl --as alice subscriber esim s00002g --qr png --output megan.png
                """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The SubUID.") var subUID: String
        @Option(help: "terminal, svg or png.") var qr: Format?
        @Option(help: "Write the QR code to this file instead of standard output.") var output: String?

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case terminal, svg, png
        }

        func run() throws {
            let session = Session(global)
            try session.run {
                let subUID = try SubUID(self.subUID)
                guard global.username != nil else {
                    throw Failure(code: Failure.forbidden, "The activation code is a credential: name a user allowed to see subscriber \(subUID) with --as or PROVCTL_USER.")
                }
                let engine = try session.openEngine()
                let (subscriber, activation) = try engine.read(now: session.now) { view, _ in
                    let visibility = Visibility(try session.readingActor(view))
                    guard let subscriber = view.subscriber(subUID) else {
                        throw Failure(code: Failure.notFound, "Subscriber \(subUID) does not exist: see provctl subscriber list.")
                    }
                    guard visibility.mayRead(subscriber) else {
                        throw Failure(code: Failure.forbidden, "You may not see subscriber \(subUID): it is outside your scope.")
                    }
                    return (subscriber, view.sim(subscriber.iccid)?.activation)
                }
                // A terminated subscriber's SIM is retired, never reused: its code must not be handed out again.
                guard subscriber.status != .terminated else {
                    throw Failure(code: Failure.rule, "Subscriber \(subUID) is terminated: its eSIM \(subscriber.iccid) is retired, so its activation code is no longer shown; provision a new subscriber.")
                }
                guard subscriber.simForm == .esim, let activation else {
                    throw Failure(code: Failure.rule, "Subscriber \(subUID) has no eSIM activation code: its SIM \(subscriber.iccid) was booked in without one.")
                }
                guard let secret = try engine.secret(activation.secretReference) else {
                    throw Failure(code: Failure.storage, "The secret store has no activation code for SIM \(subscriber.iccid) (\(activation.fingerprint)).")
                }
                let code = String(decoding: secret, as: UTF8.self)
                try emit(code: code, subscriber: subscriber)
            }
        }

        private func emit(code: String, subscriber: SubscriberRecord) throws {
            guard let qr else {
                if global.json {
                    print(JSONValue.object([
                        ("subuid", .string(subscriber.subUID.rawValue)), ("iccid", .string(subscriber.iccid.rawValue)),
                        ("activation-code", .string(code)),
                    ]).serialized(pretty: true))
                } else {
                    print(code)
                }
                return
            }
            let image = try QRCode(code)
            let bytes: [UInt8] =
                switch qr {
                case .terminal: Array(image.terminal.utf8)
                case .svg: Array(image.svg().utf8)
                case .png: image.png()
                }
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                    throw Failure(code: Failure.storage, "Cannot write \(output): check the directory exists and is writable.")
                }
            } else {
                try OutputFile.standardOutput.write(bytes)
            }
        }
    }
}
