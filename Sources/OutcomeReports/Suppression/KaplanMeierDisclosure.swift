import TreatmentOutcomes

/// Which Kaplan–Meier estimates a report may print or draw without revealing a small count: the same rule for the
/// estimates at fixed times in tables and for the points of a curve in charts.
///
/// With its N, an estimate S(t) gives a reader the counts N·(1 − S(t)) (events by t, exact without censoring) and
/// N·S(t) (patients without the event), and two estimates give the events between them. An estimate at t is shown
/// when every one of these is 0 or at least the minimum, both as the data count them and as a reader would work
/// them out from the printed numbers:
/// ```
/// d(t) = events by t,   r(t) = N − d(t) − censored by t (still at risk),   d̂(t) = round(N·(1 − S(t)))
/// shown(t) ⇔ none of d(t), N − d(t), r(t), d̂(t), N − d̂(t), d(t) − d(s), d̂(t) − d̂(s) is 1…(minimum − 1)
/// ```
/// where s is the last time shown before t (0 with d = d̂ = 0 at the start). The caller shows no estimate of a
/// curve whose N or event count is withheld.
enum KaplanMeierDisclosure {
    /// For each of `times` (ascending), whether the estimate of `curve` at that time may be shown.
    static func shown(_ curve: KaplanMeierEstimate, at times: [Double], policy: SmallCellPolicy) -> [Bool] {
        let total = curve.subjectCount
        var previousEvents = 0, previousImplied = 0
        var index = 0, events = 0, censored = 0
        return times.map { time in
            while index < curve.times.count, curve.times[index] <= time {
                events += curve.events[index]
                censored += curve.censored[index]
                index += 1
            }
            let survival = index == 0 ? 1 : curve.survival[index - 1]
            let implied = Int((Double(total) * (1 - survival)).rounded())
            let derived = [
                events, total - events, total - events - censored, implied, total - implied,
                events - previousEvents, implied - previousImplied,
            ]
            guard !derived.contains(where: policy.isSmall) else { return false }
            previousEvents = events
            previousImplied = implied
            return true
        }
    }

    /// The indices of the curve's event times whose points may be drawn (a coarsened curve: every drop drawn
    /// stands for at least the minimum number of events).
    static func drawnIndices(_ curve: KaplanMeierEstimate, policy: SmallCellPolicy) -> [Int] {
        let indices = curve.times.indices.filter { curve.events[$0] > 0 }
        let shown = shown(curve, at: indices.map { curve.times[$0] }, policy: policy)
        return zip(indices, shown).filter(\.1).map(\.0)
    }
}
