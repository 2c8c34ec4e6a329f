import Foundation

/// Version 2: one patient's attendance and psychosocial visits, drawn before the episode so that the dropout hazard
/// can depend on the sessions attended (docs/SyntheticCohort.md, "Version 2").
///
/// Every psychosocial visit the patient's support level schedules up to the protocol end gets its status here; the
/// visits written are those up to the episode end. A visit's status never depends on the episode, so a session
/// counts only in the hazard of days after it (no reverse causation in the data-generating process).
struct SyntheticEngagement: Sendable {
    /// a_i: the probability of attending a medical visit (a psychosocial one: a_i·psychosocial_attendance_factor).
    let attendance: Double
    /// Every scheduled psychosocial visit up to the protocol end, in day order.
    let psychosocialStatuses: [SyntheticRecords.Visit]
    /// The days of the attended ones, ascending.
    let attendedDays: [Int]

    init(attendance: Double, psychosocialStatuses: [SyntheticRecords.Visit], attendedDays: [Int]) {
        self.attendance = attendance
        self.psychosocialStatuses = psychosocialStatuses
        self.attendedDays = attendedDays
    }

    init(patient: SyntheticBaseline, model: SyntheticModel, random: inout Xoshiro256StarStar) {
        let visits = model.parameters.visits
        attendance = random.beta(visits.attendanceBetaAlpha, visits.attendanceBetaBeta)
        var statuses: [SyntheticRecords.Visit] = []
        if let psychosocial = model.psychosocialVisitKind(patient.psychosocial) {
            let lastDay = model.parameters.calendar.protocolEndDays
            var week = 0
            while 7 * week + 3 <= lastDay {
                if SyntheticModel.psychosocialScheduled(week: week, every: psychosocial.everyWeeks) {
                    let status = model.visitStatus(
                        probability: attendance * visits.psychosocialAttendanceFactor, &random)
                    statuses.append(SyntheticRecords.Visit(day: 7 * week + 3, kind: psychosocial.kind, status: status))
                }
                week += 1
            }
        }
        psychosocialStatuses = statuses
        attendedDays = statuses.filter { $0.status == .attended }.map(\.day)
    }

    /// The dropout time T solving H(T) = `cumulativeHazard` (an Exponential(1) draw) for the piecewise hazard
    ///
    /// ```
    /// H(t) = Σ_{d ≤ ceil(t)} [H₀(min(t, d)) − H₀(d − 1)]·exp(predictor + β_s·S(d)),   H₀(t) = (t/λ)^k
    /// S(d) = #{attended days in d − L … d − 1}
    /// ```
    /// by walking the days; `.infinity` when T is after day `lastDay` (the episode is then completed or censored
    /// whatever T is).
    /// - Complexity: O(lastDay + sessions).
    func dropoutTime(
        cumulativeHazard target: Double, predictor: Double, retention: RetentionParameters,
        parameters: EngagementParameters, lastDay: Int
    ) -> Double {
        let scale = retention.dropoutWeibullScaleDays, shape = retention.dropoutWeibullShape
        let window = parameters.lookBackDays
        var cumulative = 0.0
        var previousBaseline = 0.0  // H₀(d − 1)
        var first = 0, end = 0      // attendedDays[first..<end] lie in the window of day d
        for day in 1...lastDay {
            while end < attendedDays.count && attendedDays[end] <= day - 1 { end += 1 }
            while first < end && attendedDays[first] < day - window { first += 1 }
            let rate = Foundation.exp(predictor + parameters.logHazardRatioPerSession * Double(end - first))
            let baseline = Foundation.pow(Double(day) / scale, shape)
            let increment = (baseline - previousBaseline) * rate
            if cumulative + increment >= target {
                return scale * Foundation.pow(previousBaseline + (target - cumulative) / rate, 1 / shape)
            }
            cumulative += increment
            previousBaseline = baseline
        }
        return .infinity
    }
}

/// A medication or support group imposed on a patient instead of the drawn one (counterfactual cohorts).
struct SyntheticAssignment: Sendable {
    /// Index into the model's medications.
    var medication: Int?
    /// `true`: a support level, `false`: a medication-alone level (version 2 only).
    var support: Bool?
}
