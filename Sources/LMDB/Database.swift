internal import CLMDB

/// A named database inside an environment. A plain value: the handle stays valid
/// for the life of the environment that opened it.
public struct Database: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    let dbi: MDB_dbi

    public var description: String { name }
}
