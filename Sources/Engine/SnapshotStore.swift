import Crypto
import LMDB
import ReadModels
import WireFormat

/// The snapshots of one store: `snapshots` holds a manifest per position,
/// `snapshot-chunks` the stream cut into values of at most `chunkSize` bytes under
/// position ‖ chunk number (8 + 4 bytes, big-endian, so one snapshot's chunks are
/// adjacent and in order). The interval is store metadata: `meta` key
/// `snapshot-interval` (a varint; absent means `defaultInterval`, 0 means none).
///
/// Everything here runs inside the caller's transaction: a snapshot is written in
/// the same write transaction as the change it follows, so it is there whole or not at all.
struct SnapshotStore: Sendable {
    static let databaseNames = ["snapshots", "snapshot-chunks"]
    /// A chunk is one LMDB value; 1 MiB keeps each a run of 256 overflow pages
    /// (LMDB looks for each run in its free list) and bounds what encoding holds.
    static let chunkSize = 1 << 20
    /// Chosen by measurement (docs/performance.md, "Time travel"): on a store of
    /// 1M SIMs a snapshot costs about as much to take as folding this many events.
    static let defaultInterval: UInt64 = 1_000_000

    let environment: Environment
    let manifests: Database
    let chunks: Database
    let meta: Database

    init(_ environment: Environment) {
        self.environment = environment
        manifests = environment.database("snapshots")
        chunks = environment.database("snapshot-chunks")
        meta = environment.database("meta")
    }

    private static let intervalKey = Array("snapshot-interval".utf8)

    // MARK: The interval

    func interval(in txn: borrowing some ReadableTransaction & ~Copyable) throws -> UInt64 {
        guard let bytes = try txn.get(meta, Self.intervalKey) else { return Self.defaultInterval }
        return try ByteReader.read(bytes) { try $0.readVarint() }
    }

    func setInterval(_ interval: UInt64, in txn: TransactionReference) throws {
        var writer = ByteWriter(capacity: 10)
        writer.writeVarint(interval)
        try txn.put(meta, Self.intervalKey, writer.bytes)
    }

    /// Whether a change that wrote `positions` takes a snapshot: when it holds a
    /// multiple of the interval (a bulk change crossing several takes one).
    static func crosses(_ positions: ClosedRange<UInt64>, interval: UInt64) -> Bool {
        interval > 0 && positions.upperBound / interval > (positions.lowerBound - 1) / interval
    }

    // MARK: Writing

    /// Writes a snapshot of the state `store` holds (its counters finished) as the
    /// state right after `position`, replacing any snapshot there.
    @discardableResult
    func take(_ store: ReadModelStore, at position: UInt64, recordedAt: Int64, in txn: TransactionReference) throws
        -> SnapshotManifest
    {
        try take(at: position, recordedAt: recordedAt, in: txn) { emit in
            try StateSnapshotCoding.encode(store, chunkSize: Self.chunkSize, emit: emit)
        }
    }

    /// Stores the stream that `encode` hands, chunk by chunk, to the function it is given.
    ///
    /// What is stored at `position` already and is byte for byte what would be
    /// written (the manifest, and each chunk from the first) is left in place, the
    /// rest is written over, and stored chunks beyond the new stream's end are
    /// removed: the result is the same bytes as removing the old snapshot and
    /// writing this one, without rewriting a snapshot that a rebuild finds unchanged
    /// (`replay` of a healthy store writes none of its snapshots again).
    @discardableResult
    func take(
        at position: UInt64, recordedAt: Int64, in txn: TransactionReference,
        encode: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> SnapshotManifest {
        let stream = try streamComparing(at: position, in: txn, encode: encode) { number, chunk, same in
            guard !same else { return }
            try Self.chunkKey(position, number).withUnsafeBytes { key in try txn.put(chunks, key: key, value: chunk) }
        }
        return try finish(
            at: position, recordedAt: recordedAt, chunkCount: stream.chunkCount, byteCount: stream.byteCount,
            sha256: stream.sha256, in: txn)
    }

    /// A snapshot's stream, encoded and compared chunk by chunk with the snapshot
    /// stored at its position, ready for `store`: only the chunks from the first that
    /// differs are kept (a rebuild of a healthy store keeps none).
    struct PreparedSnapshot: Sendable {
        var sha256: [UInt8]
        var chunkCount: UInt64
        var byteCount: UInt64
        /// The number of the first chunk that differs from the stored one (`chunkCount` when none does).
        var firstDifferent: UInt64
        /// Copies of the chunks from `firstDifferent` on.
        var differentChunks: [[UInt8]]
    }

    /// Encodes a snapshot for `position` on the calling thread (`encode` hands the
    /// stream to the function it is given), comparing each chunk with the stored one
    /// in a read transaction of its own. A rebuild does this beside its fold, instead
    /// of copying every chunk (75 MB for a million SIMs) to compare it on the fold's
    /// thread. The read transaction sees what is committed, which is what the
    /// caller's write transaction holds at `position` until it stores there.
    func prepare(
        at position: UInt64, encode: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void
    ) throws -> PreparedSnapshot {
        try environment.read { txn in
            var firstDifferent: UInt64?
            var differentChunks: [[UInt8]] = []
            let stream = try streamComparing(at: position, in: txn, encode: encode) { number, chunk, same in
                guard !same else { return }
                if firstDifferent == nil { firstDifferent = number }
                differentChunks.append(Array(chunk))
            }
            return PreparedSnapshot(
                sha256: stream.sha256, chunkCount: stream.chunkCount, byteCount: stream.byteCount,
                firstDifferent: firstDifferent ?? stream.chunkCount, differentChunks: differentChunks)
        }
    }

    /// Runs `encode`, handing `body` each chunk with its number and whether it and
    /// every chunk before it are the ones stored at `position` (once one differs, the
    /// rest are not compared: they are written over); gives the stream's digest and size.
    private func streamComparing(
        at position: UInt64, in txn: borrowing some ReadableTransaction & ~Copyable,
        encode: (_ emit: (UnsafeRawBufferPointer) throws -> Void) throws -> Void,
        _ body: (_ number: UInt64, _ chunk: UnsafeRawBufferPointer, _ sameSoFar: Bool) throws -> Void
    ) throws -> (sha256: [UInt8], chunkCount: UInt64, byteCount: UInt64) {
        var hasher = SHA256()
        var chunkCount: UInt64 = 0
        var byteCount: UInt64 = 0
        var sameSoFar = true
        // Both closures are called only during `encode`; Swift cannot see that one is
        // handed inside the other.
        try withoutActuallyEscaping(body) { body in
            try encode { chunk in
                hasher.update(bufferPointer: chunk)
                if sameSoFar {
                    sameSoFar =
                        try txn.withValue(chunks, Self.chunkKey(position, chunkCount)) { $0.hasSameBytes(as: chunk) } ?? false
                }
                try body(chunkCount, chunk, sameSoFar)
                chunkCount += 1
                byteCount += UInt64(chunk.count)
            }
        }
        return (Array(hasher.finalize()), chunkCount, byteCount)
    }

    /// Stores a prepared snapshot: the same bytes `take` stores for its stream.
    @discardableResult
    func store(
        _ prepared: PreparedSnapshot, at position: UInt64, recordedAt: Int64, in txn: TransactionReference
    ) throws -> SnapshotManifest {
        for (offset, chunk) in prepared.differentChunks.enumerated() {
            try txn.put(chunks, Self.chunkKey(position, prepared.firstDifferent + UInt64(offset)), chunk)
        }
        return try finish(
            at: position, recordedAt: recordedAt, chunkCount: prepared.chunkCount, byteCount: prepared.byteCount,
            sha256: prepared.sha256, in: txn)
    }

    /// Removes the chunks past the stream's end and writes the manifest, unless the
    /// stored one is already these bytes.
    private func finish(
        at position: UInt64, recordedAt: Int64, chunkCount: UInt64, byteCount: UInt64, sha256: [UInt8],
        in txn: TransactionReference
    ) throws -> SnapshotManifest {
        try removeChunks(of: position, from: chunkCount, in: txn)
        let manifest = SnapshotManifest(
            position: position, recordedAt: recordedAt, layoutVersion: StateSnapshotCoding.layoutVersion,
            recordFormatVersion: StateSnapshotCoding.recordFormatVersion, chunkCount: chunkCount,
            byteCount: byteCount, sha256: sha256)
        let encoded = manifest.encoded
        if try txn.withValue(manifests, Self.positionKey(position), { $0.hasSameBytes(as: encoded) }) != true {
            try txn.put(manifests, Self.positionKey(position), encoded)
        }
        return manifest
    }

    /// Removes the chunks of the snapshot at `position` numbered `first` and after.
    private func removeChunks(of position: UInt64, from first: UInt64, in txn: TransactionReference) throws {
        var keys: [[UInt8]] = []
        let prefix = Self.positionKey(position)
        try txn.forEach(chunks, from: Self.chunkKey(position, first)) { key, _ in
            guard key.starts(with: prefix) else { return false }
            keys.append([UInt8](key))
            return true
        }
        for key in keys { try txn.delete(chunks, key) }
    }

    /// Removes every snapshot (manifest and chunks) whose position is not in `kept`:
    /// a rebuild that took its own snapshots clears those it did not take.
    func removeAll(except kept: Set<UInt64>, in txn: TransactionReference) throws {
        var manifestKeys: [[UInt8]] = []
        try txn.forEach(manifests) { key, _ in
            if key.count != 8 || !kept.contains(Self.position(fromKey: key)) { manifestKeys.append([UInt8](key)) }
            return true
        }
        var chunkKeys: [[UInt8]] = []
        try txn.forEach(chunks) { key, _ in
            if key.count != 12 || !kept.contains(Self.position(fromKey: UnsafeRawBufferPointer(rebasing: key[..<8]))) {
                chunkKeys.append([UInt8](key))
            }
            return true
        }
        for key in manifestKeys { try txn.delete(manifests, key) }
        for key in chunkKeys { try txn.delete(chunks, key) }
    }

    private static func position(fromKey key: UnsafeRawBufferPointer) -> UInt64 {
        key.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    func remove(at position: UInt64, in txn: TransactionReference) throws {
        try txn.delete(manifests, Self.positionKey(position))
        try removeChunks(of: position, from: 0, in: txn)
    }

    /// Copies a snapshot, checked, from another store's transaction into this one.
    func copy(_ manifest: SnapshotManifest, from source: SnapshotStore, in sourceTxn: TransactionReference,
              into txn: TransactionReference) throws(SnapshotProblem)
    {
        _ = try source.stream(manifest, in: sourceTxn)
        do {
            try remove(at: manifest.position, in: txn)
            var failure: (any Error)?
            try sourceTxn.forEach(source.chunks, from: Self.positionKey(manifest.position)) { key, value in
                guard key.starts(with: Self.positionKey(manifest.position)) else { return false }
                do {
                    try txn.put(chunks, [UInt8](key), [UInt8](value))
                } catch {
                    failure = error
                    return false
                }
                return true
            }
            if let failure { throw failure }
            try txn.put(manifests, Self.positionKey(manifest.position), manifest.encoded)
        } catch {
            throw SnapshotProblem(position: manifest.position, what: "cannot be copied (\(error))")
        }
    }

    // MARK: Reading

    /// Every manifest, by position; a manifest that does not decode is a problem.
    func all(in txn: TransactionReference) throws -> [Result<SnapshotManifest, SnapshotProblem>] {
        var found: [Result<SnapshotManifest, SnapshotProblem>] = []
        try txn.forEach(manifests) { key, value in
            found.append(Self.manifest(key: key, value: value))
            return true
        }
        return found
    }

    /// The manifests at or before `position`, newest first.
    func all(atOrBefore position: UInt64, in txn: TransactionReference) throws
        -> [Result<SnapshotManifest, SnapshotProblem>]
    {
        var found: [Result<SnapshotManifest, SnapshotProblem>] = []
        try txn.forEach(manifests, from: Self.positionKey(position), reverse: true) { key, value in
            found.append(Self.manifest(key: key, value: value))
            return true
        }
        return found
    }

    private static func manifest(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer)
        -> Result<SnapshotManifest, SnapshotProblem>
    {
        let position = key.count == 8 ? Self.position(fromKey: key) : 0
        guard key.count == 8 else {
            return .failure(SnapshotProblem(position: 0, what: "a manifest key of \(key.count) bytes"))
        }
        do {
            let manifest = try SnapshotManifest(decoding: [UInt8](value))
            guard manifest.position == position else {
                return .failure(SnapshotProblem(position: position, what: "its manifest says position \(manifest.position)"))
            }
            return .success(manifest)
        } catch {
            return .failure(SnapshotProblem(position: position, what: "its manifest does not decode (\(error))"))
        }
    }

    /// The snapshot's stream, after checking that this build can read it and that
    /// its chunks are all there and hash to the manifest's SHA-256.
    func stream(_ manifest: SnapshotManifest, in txn: TransactionReference) throws(SnapshotProblem) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: min(manifest.byteCount, 1 << 34)))
        try readChunks(of: manifest, in: txn) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Checks the stored snapshot as `stream` does (its chunks, their size, their
    /// checksum) without making the stream: `verify` checks every snapshot, tens of MB each.
    func check(_ manifest: SnapshotManifest, in txn: borrowing some ReadableTransaction & ~Copyable)
        throws(SnapshotProblem)
    {
        try readChunks(of: manifest, in: txn) { _ in }
    }

    /// Hands the snapshot's chunks to `body` in order, then checks that they are all
    /// there and match the manifest's size and checksum.
    private func readChunks(
        of manifest: SnapshotManifest, in txn: borrowing some ReadableTransaction & ~Copyable,
        _ body: (UnsafeRawBufferPointer) -> Void
    ) throws(SnapshotProblem) {
        func problem(_ what: String) -> SnapshotProblem { SnapshotProblem(position: manifest.position, what: what) }
        guard manifest.layoutVersion == StateSnapshotCoding.layoutVersion,
            manifest.recordFormatVersion == StateSnapshotCoding.recordFormatVersion
        else {
            throw problem(
                "written in layout \(manifest.layoutVersion), records \(manifest.recordFormatVersion); this provctl reads layout \(StateSnapshotCoding.layoutVersion), records \(StateSnapshotCoding.recordFormatVersion)")
        }
        var hasher = SHA256()
        var next: UInt64 = 0
        var byteCount = 0
        let prefix = Self.positionKey(manifest.position)
        do {
            try txn.forEach(chunks, from: prefix) { key, value in
                guard key.starts(with: prefix) else { return false }
                guard key.elementsEqual(Self.chunkKey(manifest.position, next)) else { return false }
                hasher.update(bufferPointer: value)
                body(value)
                byteCount += value.count
                next += 1
                return true
            }
        } catch {
            throw problem("its chunks cannot be read (\(error))")
        }
        guard next == manifest.chunkCount else { throw problem("\(next) of its \(manifest.chunkCount) chunks are there") }
        guard UInt64(byteCount) == manifest.byteCount else {
            throw problem("its chunks hold \(byteCount) bytes, its manifest says \(manifest.byteCount)")
        }
        guard Array(hasher.finalize()) == manifest.sha256 else { throw problem("its checksum does not match (damaged)") }
    }

    // MARK: Keys

    static func positionKey(_ position: UInt64) -> [UInt8] { withUnsafeBytes(of: position.bigEndian, Array.init) }

    static func chunkKey(_ position: UInt64, _ chunk: UInt64) -> [UInt8] {
        positionKey(position) + withUnsafeBytes(of: UInt32(truncatingIfNeeded: chunk).bigEndian, Array.init)
    }
}
