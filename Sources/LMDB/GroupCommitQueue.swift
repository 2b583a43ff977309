#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Group commit: the write transactions that threads of this process ask for at the
/// same moment share one commit, so one pair of fsyncs makes all of them durable.
///
/// The writers queue up; the one at the front leads: it runs its own write and the
/// writes queued behind it, those that queue meanwhile included (up to `maxGroupSize`,
/// stopping before one that must run alone), one after the other in one write
/// transaction, each in a transaction nested in it, and commits once. A write that
/// throws is undone alone (its nested transaction is aborted); the others commit.
/// Every writer returns only after the commit that holds its write, so a write that
/// returned is as durable as one committed alone; a crash before that commit loses
/// the whole group, none of which has returned. The same scheme as LevelDB's writer
/// queue (db_impl.cc, `DBImpl::Write`).
///
/// A lone writer leads a group of one and runs its write straight in the transaction,
/// as `Environment.write` would.
final class GroupCommitQueue: @unchecked Sendable {
    /// One caller's write, waiting in the queue.
    final class PendingWrite {
        let runsAlone: Bool
        let body: (borrowing WriteTransaction) throws -> Void
        /// Set by the leader before `isDone`: what the write threw, or the commit's error.
        var error: (any Error)?
        var isDone = false
        /// Signalled when the write is done or has come to the front: each writer sleeps
        /// on its own condition, so a commit wakes only the writers it concerns (one
        /// shared condition would wake every waiting thread at every commit).
        let wakeUp = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

        init(runsAlone: Bool, body: @escaping (borrowing WriteTransaction) throws -> Void) {
            self.runsAlone = runsAlone
            self.body = body
            wakeUp.initialize(to: pthread_cond_t())
            pthread_cond_init(wakeUp, nil)
        }

        deinit {
            pthread_cond_destroy(wakeUp)
            wakeUp.deallocate()
        }
    }

    /// The most writes one commit takes: enough to amortize the fsyncs, few enough that
    /// the leader's own write does not wait long behind the others' CPU.
    let maxGroupSize: Int
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    /// Guarded by `mutex`; the front one's thread leads.
    private var waiting: [PendingWrite] = []

    init(maxGroupSize: Int = 64) {
        precondition(maxGroupSize >= 1)
        self.maxGroupSize = maxGroupSize
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Queues `write` and returns once it has been committed or has failed (see
    /// `PendingWrite.error`). The calling thread may lead a group meanwhile.
    func run(_ write: PendingWrite, in environment: Environment) {
        pthread_mutex_lock(mutex)
        waiting.append(write)
        while !write.isDone && waiting.first !== write {
            pthread_cond_wait(write.wakeUp, mutex)
        }
        if write.isDone {
            pthread_mutex_unlock(mutex)
            return
        }
        pthread_mutex_unlock(mutex)

        let group = commit(leading: write, in: environment)

        pthread_mutex_lock(mutex)
        for member in group {
            member.isDone = true
            if member !== write { pthread_cond_signal(member.wakeUp) }
        }
        waiting.removeFirst(group.count)
        if let next = waiting.first { pthread_cond_signal(next.wakeUp) }
        pthread_mutex_unlock(mutex)
    }

    /// The writes queued behind the first `count` (the group so far) that may join it.
    private func joining(after count: Int) -> [PendingWrite] {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        var found: [PendingWrite] = []
        for next in waiting.dropFirst(count) {
            if next.runsAlone || count + found.count == maxGroupSize { break }
            found.append(next)
        }
        return found
    }

    /// Runs the leader's write and those that join it in one write transaction, committed
    /// once; returns the group. Writes that queue while the group's writes run join it
    /// before the commit (up to `maxGroupSize`): the writers whose last group just
    /// committed come back while the next one runs, and ride its commit instead of
    /// waiting for another. `Environment.write` runs the whole group again on a grown
    /// map when a write met a full one.
    private func commit(leading leader: PendingWrite, in environment: Environment) -> [PendingWrite] {
        var group = [leader]
        do {
            try environment.write { txn in
                for member in group { member.error = nil }
                var next = 0
                while true {
                    while next < group.count {
                        let member = group[next]
                        next += 1
                        if group.count == 1 {
                            // Alone so far: straight in the transaction. A throw aborts
                            // it, with nothing but this write in it.
                            try member.body(txn)
                            continue
                        }
                        do {
                            try txn.nested { child in try member.body(child) }
                        } catch let failure as NestedCommitFailure {
                            throw failure.error
                        } catch {
                            if txn._handle.state.sawMapFull { throw error }
                            member.error = error
                        }
                    }
                    if leader.runsAlone { break }
                    let joined = joining(after: group.count)
                    if joined.isEmpty { break }
                    group += joined
                }
            }
        } catch {
            // Nothing of the group was committed: each write that had not failed on its
            // own fails with the transaction's error.
            for member in group where member.error == nil { member.error = error }
        }
        return group
    }
}
