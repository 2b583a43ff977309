import ArgumentParser
import FoundationEssentials

struct BrandingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "branding", abstract: "A reseller's branding and terms (guide 14).", subcommands: [Set.self])

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Set a reseller's product name, support email and documents.",
            discussion: """
                Documents are stored by content hash; the event records the hash, size and media type (from \
                the file's extension). A logo is PNG or JPEG up to 50 KB. Distributor only.

                Example:
                  provctl --as mike branding set --reseller Talk_Mail \\
                      --product-name "Talk Mail Mobile" --support-email help@talkmail.example \\
                      --terms terms.md
                """)
        @OptionGroup var global: GlobalOptions
        @Option var reseller: String
        @Option(name: .customLong("product-name")) var productName: String?
        @Option(name: .customLong("support-email")) var supportEmail: String?
        @Option(help: "PNG or JPEG, at most 50 KB.") var logo: String?
        @Option(help: "The Terms and Conditions document.") var terms: String?
        @Option(help: "Custom CSS.") var css: String?
        @Option(help: "Custom welcome text.") var welcome: String?
        @Option(name: .customLong("support-content"), help: "Support content.") var supportContent: String?

        func run() throws {
            let session = Session(global)
            try session.run {
                var arguments: [String: Any] = ["reseller": reseller]
                arguments["product-name"] = productName
                arguments["support-email"] = supportEmail
                for (key, path) in [("logo", logo), ("terms", terms), ("css", css), ("welcome", welcome), ("support-content", supportContent)] {
                    guard let path else { continue }
                    guard let data = FileManager.default.contents(atPath: path) else {
                        throw Failure(code: Failure.notFound, "The \(key) file \(path) cannot be read: check its path and permissions.")
                    }
                    arguments[key] = ["media-type": mediaType(of: path), "base64": data.base64EncodedString()]
                }
                try session.change("branding set", arguments)
            }
        }

        /// The media type from the file's extension; the domain checks it fits the slot.
        private func mediaType(of path: String) -> String {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "png": "image/png"
            case "jpg", "jpeg": "image/jpeg"
            case "pdf": "application/pdf"
            case "html", "htm": "text/html"
            case "css": "text/css"
            case "md", "markdown": "text/markdown"
            default: "text/plain"
            }
        }
    }
}
