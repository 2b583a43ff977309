import ArgumentParser
import Engine
import EventLog
import FoundationEssentials
import LMDB
import Provisioning
import ReadModels

/// Every error `provctl` can meet, mapped to one exit code of the contract
/// (docs/cli.md) and one sentence for standard error. The only place that does so.
struct Failure: Error {
    var code: Int32
    var message: String

    static let usage: Int32 = 64
    static let malformed: Int32 = 65
    static let notFound: Int32 = 66
    static let rule: Int32 = 68
    static let storage: Int32 = 74
    static let conflict: Int32 = 75
    static let forbidden: Int32 = 77

    /// A message is one line of standard error: a line break that came in with the
    /// input (a name or key in a script line) is shown escaped.
    init(code: Int32, _ message: String) {
        self.code = code
        self.message = message.contains(where: \.isNewline)
            ? message.unicodeScalars.map { $0 == "\r" ? "\\r" : $0 == "\n" ? "\\n" : String($0) }.joined()
            : message
    }

    init(_ error: any Error, store: String) {
        switch error {
        case let failure as Failure:
            self = failure
        case let rejection as Rejection:
            self.init(code: rejection.kind.exitCode, rejection.message)
        case let invalid as Provisioning.ValidationError:
            self.init(code: Self.malformed, "\(invalid).")
        case EventLogError.conflict(let what):
            self.init(code: Self.conflict, "A concurrent change conflicted (\(what)): run the command again.")
        case let logError as EventLogError:
            self.init(code: Self.storage, "The store at \(store) failed verification: \(logError).")
        case let lmdb as LMDBError:
            self.init(code: Self.storage, Self.describe(lmdb, store: store))
        case let readModel as ReadModelError:
            self.init(code: Self.storage, "The store at \(store) has damaged read models (\(readModel)): run provctl replay.")
        default:
            self.init(code: Self.storage, "The store at \(store) could not be used: \(error).")
        }
    }

    private static func describe(_ error: LMDBError, store: String) -> String {
        switch error {
        case .noSpace, .fileTooLarge:
            "The store at \(store) is out of space (\(error.message)): nothing was recorded; free disk space or raise the file size limit, then retry."
        case .ioError:
            "The store at \(store) could not be written (\(error.description)): nothing was recorded. A full disk or the file size limit shows this way: free disk space or raise the limit, then retry; if neither is the cause, check the disk."
        case .permissionDenied:
            "The store at \(store) cannot be opened (\(error.message)): run provctl as the store's owner."
        case .invalid, .versionMismatch, .corrupted:
            "The store at \(store) is not a valid LMDB environment (\(error.message))."
        default:
            "The store at \(store) cannot be used: \(error.description)."
        }
    }

    /// The error document of `--json` output.
    var json: JSONValue {
        .object([("error", .object([("code", .int(Int64(code))), ("message", .string(message))]))])
    }
}
