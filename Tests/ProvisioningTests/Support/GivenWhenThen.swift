import Testing

@testable import Provisioning

/// `given([events]).when(command, as: actor, at: time).then([events])` or
/// `.thenRejected(kind, containing:)`: the decider tests of the house style.
func given(_ events: [ProvisioningEvent]) -> Given { Given(events: events) }

struct Given {
    let events: [ProvisioningEvent]

    var state: InMemoryState { InMemoryState(replaying: events) }

    /// Decides `command` against the state the events build. The SubUID the Engine
    /// would generate comes from the position of the decision's first event.
    func when(
        _ command: Command, as actor: Actor?, at time: Timestamp = t0, ids: GeneratedIDs? = nil
    ) -> When {
        let state = self.state
        let generated = ids ?? engineIDs(at: events.count + 1)
        let result: Result<Decision, Rejection>
        do throws(Rejection) {
            result = .success(try decide(command, state: state, actor: actor, now: time, ids: generated))
        } catch {
            result = .failure(error)
        }
        return When(history: events, result: result)
    }

    /// The actor for a user of this history.
    func actor(_ username: String) -> Actor {
        guard let record = state.user(user(username)) else { fatalError("no user \(username) in the given events") }
        return Actor(record)
    }
}

struct When {
    let history: [ProvisioningEvent]
    let result: Result<Decision, Rejection>

    var decision: Decision? { try? result.get() }
    var events: [ProvisioningEvent] { decision?.events ?? [] }

    /// The state after the accepted decision's events.
    var stateAfter: InMemoryState { InMemoryState(replaying: history + events) }

    /// Expects exactly these events, in order.
    @discardableResult
    func then(_ expected: [ProvisioningEvent], sourceLocation: SourceLocation = #_sourceLocation) -> When {
        switch result {
        case .success(let decision):
            #expect(decision.events == expected, sourceLocation: sourceLocation)
        case .failure(let rejection):
            Issue.record("expected events, got rejection: \(rejection.kind) \(rejection.message)", sourceLocation: sourceLocation)
        }
        return self
    }

    /// Expects an accepted decision, whatever its events; returns them.
    @discardableResult
    func thenAccepted(sourceLocation: SourceLocation = #_sourceLocation) -> [ProvisioningEvent] {
        switch result {
        case .success(let decision):
            return decision.events
        case .failure(let rejection):
            Issue.record("expected acceptance, got \(rejection.kind): \(rejection.message)", sourceLocation: sourceLocation)
            return []
        }
    }

    /// Expects a rejection of `kind` whose message contains every fragment.
    func thenRejected(
        _ kind: Rejection.Kind, containing fragments: String..., sourceLocation: SourceLocation = #_sourceLocation
    ) {
        switch result {
        case .success(let decision):
            Issue.record("expected \(kind) rejection, got \(decision.events.map(\.wireName))", sourceLocation: sourceLocation)
        case .failure(let rejection):
            #expect(rejection.kind == kind, "\(rejection.message)", sourceLocation: sourceLocation)
            for fragment in fragments {
                #expect(rejection.message.contains(fragment), "\(rejection.message)", sourceLocation: sourceLocation)
            }
        }
    }
}
