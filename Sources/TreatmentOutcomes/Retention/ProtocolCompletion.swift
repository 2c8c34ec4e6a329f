/// On medication in the last week of a protocol's medication phase: the trials' "completion" (docs/Retention.md,
/// "Protocol completion").
///
/// For an arm with a protocol of medication phase M days (days 0 … M − 1), a patient completed the protocol when a
/// covered day falls in its last week, days M − 7 … M − 1: a methadone or buprenorphine dose on one of those days,
/// or an extended-release naltrexone injection whose 28 days reach them (coverage as for retention episodes). The
/// denominator is every patient of the arm, started or not, as the trials report it: START's 24-week completion
/// (methadone 74% against buprenorphine 46%; Hser et al., Addiction 2014, doi:10.1111/add.12333).
///
/// Edge cases: a phase shorter than 7 days uses all of it; a cohort with episodes.csv and no doses or fills has no
/// covered days, hence no completion (``measure(_:options:protocols:)`` returns an empty result).
public struct ProtocolCompletion: Sendable, Hashable {
    /// Patients of the arm on medication in the phase's last week, by arm label (protocol arms with patients only).
    public let completedByArm: [String: Int]
    /// Every patient of the arm, the denominator, by arm label.
    public let patientsByArm: [String: Int]

    public init(completedByArm: [String: Int], patientsByArm: [String: Int]) {
        self.completedByArm = completedByArm
        self.patientsByArm = patientsByArm
    }

    /// The completion of every protocol arm of `cohort`.
    public static func measure(_ cohort: Cohort, options: RetentionOptions, protocols: [ArmProtocol]) -> ProtocolCompletion {
        guard cohort.episodes == nil, !protocols.isEmpty,
              let (coverage, _) = try? CoverageIntervals.fromRecords(of: cohort, options: options)
        else { return ProtocolCompletion(completedByArm: [:], patientsByArm: [:]) }
        let arm = cohort.patients.arm
        var lastWeek: [Int32: ClosedRange<Int>] = [:]
        for item in protocols {
            let phase = max(item.medicationPhaseDays, 1)
            for label in item.arms {
                if let code = arm.code(of: label) { lastWeek[code] = max(0, phase - 7)...(phase - 1) }
            }
        }
        var completed: [String: Int] = [:], patients: [String: Int] = [:]
        for p in 0..<cohort.patients.count {
            let code = arm.codes[p]
            guard let window = lastWeek[code] else { continue }
            let label = arm.levels[Int(code)]
            patients[label, default: 0] += 1
            if coverage[p].contains(where: { $0.overlaps(window) }) { completed[label, default: 0] += 1 }
        }
        for label in patients.keys where completed[label] == nil { completed[label] = 0 }
        return ProtocolCompletion(completedByArm: completed, patientsByArm: patients)
    }
}
