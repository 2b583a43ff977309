/// What a generation produced: written as `generated.json` beside the store once the
/// store is complete, so that a script can reuse a store and the benchmarks know
/// what to ask it (a SIM, a subscriber, a time).
public struct GeneratedStore: Codable, Sendable {
    public struct Phase: Codable, Sendable {
        public var name: String
        public var changes: Int
        public var events: Int
        public var seconds: Double
        /// CPU time of the process (user and system) during the phase: on a shared
        /// machine, wall time says as much about the other work as about this one.
        public var cpuSeconds: Double?
    }

    public var shape: StoreShape
    public var events: UInt64
    /// The chain head: the same seed and shape give the same hash on every machine.
    public var headHash: String
    public var seconds: Double
    public var cpuSeconds: Double?
    public var phases: [Phase]
    /// A SIM that went through the whole lifecycle and is ACTIVE at the end.
    public var sampleICCID: String
    /// A subscriber provisioned in the middle of the subscriber phase, changed later.
    public var sampleSubUID: String
    /// A time in the middle of the subscriber phase (ISO 8601, UTC), for `--at`.
    public var sampleTime: String
    public var sampleTimeMilliseconds: Int64
}
