internal import CLMDB

/// An LMDB return code, with the codes this project reacts to named.
///
/// `catch LMDBError.mapFull` reads naturally thanks to `~=` (the GRDB habit).
public struct LMDBError: Error, Equatable, Hashable, Sendable, CustomStringConvertible {
    public let code: Int32
    /// What the wrapper was doing, for the message ("put into events").
    public let operation: String

    public init(code: Int32, operation: String) {
        self.code = code
        self.operation = operation
    }

    public static let keyExists = LMDBError(code: MDB_KEYEXIST, operation: "")
    public static let notFound = LMDBError(code: MDB_NOTFOUND, operation: "")
    public static let corrupted = LMDBError(code: MDB_CORRUPTED, operation: "")
    public static let panic = LMDBError(code: MDB_PANIC, operation: "")
    public static let versionMismatch = LMDBError(code: MDB_VERSION_MISMATCH, operation: "")
    public static let invalid = LMDBError(code: MDB_INVALID, operation: "")
    public static let mapFull = LMDBError(code: MDB_MAP_FULL, operation: "")
    public static let databasesFull = LMDBError(code: MDB_DBS_FULL, operation: "")
    public static let readersFull = LMDBError(code: MDB_READERS_FULL, operation: "")
    public static let transactionFull = LMDBError(code: MDB_TXN_FULL, operation: "")
    public static let mapResized = LMDBError(code: MDB_MAP_RESIZED, operation: "")
    public static let badValueSize = LMDBError(code: MDB_BAD_VALSIZE, operation: "")
    /// ENOSPC: the disk (or the file size limit) is full.
    public static let noSpace = LMDBError(code: 28, operation: "")
    /// EFBIG: the file would exceed the process's file size limit (`ulimit -f`).
    public static let fileTooLarge = LMDBError(code: 27, operation: "")
    /// EIO: LMDB's answer to a short write at commit, which is how a full disk or the
    /// file size limit usually shows (lmdb.h: "short write, filesystem full?").
    public static let ioError = LMDBError(code: 5, operation: "")
    /// EACCES
    public static let permissionDenied = LMDBError(code: 13, operation: "")
    /// ENOENT
    public static let noSuchFile = LMDBError(code: 2, operation: "")

    /// Two errors match when their codes match, whatever the operation.
    public static func ~= (pattern: LMDBError, error: any Error) -> Bool {
        (error as? LMDBError)?.code == pattern.code
    }

    public static func == (lhs: LMDBError, rhs: LMDBError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// LMDB's own message for the code (`mdb_strerror` also covers errno values).
    public var message: String { String(cString: mdb_strerror(code)) }

    public var description: String {
        operation.isEmpty ? "LMDB: \(message)" : "LMDB \(operation): \(message)"
    }
}

/// Turns a C return code into a thrown `LMDBError`.
@inline(__always)
func check(_ code: Int32, _ operation: @autoclosure () -> String) throws(LMDBError) {
    if code != 0 { throw LMDBError(code: code, operation: operation()) }
}
