/// One part of a ``CohortAnalysis``: its results, or why there are none, in words a report can print.
public enum AnalysisComponent<Value: Sendable>: Sendable {
    case computed(Value)
    /// Not computed: the cohort lacks the records it needs, or the computation failed (the reason says which).
    case unavailable(reason: String)

    /// The results, when computed.
    public var value: Value? {
        if case .computed(let value) = self { return value }
        return nil
    }

    /// Why there are no results; `nil` when computed.
    public var reason: String? {
        if case .unavailable(let reason) = self { return reason }
        return nil
    }
}
