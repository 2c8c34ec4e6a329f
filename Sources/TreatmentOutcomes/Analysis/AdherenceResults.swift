/// Adherence (docs/Adherence.md): observed dosing and visit attendance in each patient's window when the cohort
/// has doses, and the quarterly proportion of days covered when it has dated pharmacy fills.
public struct AdherenceResults: Sendable {
    /// Observed dosing and attendance by arm column (``ArmColumns``).
    public struct Dosing: Sendable {
        /// Visits of one kind in one arm column, within the patients' windows.
        public struct Attendance: Sendable, Hashable {
            public let kind: String
            public let armColumn: Int
            /// Attended + missed.
            public let scheduled: Int
            public let attended: Int
            public let excused: Int

            /// attended / scheduled; `nil` with nothing scheduled.
            public var rate: Double? { scheduled == 0 ? nil : Double(attended) / Double(scheduled) }
        }

        /// The protocols whose medication phase is some arm's window; other arms use days 0 … windowDays − 1.
        public let protocols: [ArmProtocol]
        public let windowDays: Int
        public let windowEndsAtDischarge: Bool
        public let threshold: Double
        public let injectionDays: Int
        public let perPatient: [PatientDosingAdherence]
        /// One summary per arm column with a patient in ``perPatient`` (arm-column order): mean, quartiles (by
        /// ``DisclosurePlan/publishedQuantiles``), adherent share with its Wilson interval.
        public let byArm: [AdherenceSummary]
        /// Per arm column: adherence in percent (10th–90th percentiles for the box plot, by
        /// ``DisclosurePlan/publishedQuantiles``); `nil` without patients.
        public let distributionByArm: [SampleSummary?]
        /// Per visit kind and arm column with any visit in a window; `nil` without visits.csv.
        public let attendance: [Attendance]?
    }

    /// `nil` without doses.csv.
    public let dosing: AnalysisComponent<Dosing>?
    /// `nil` without dispensings, calendar dates, or a quarter whose follow-up has passed.
    public let pharmacy: QuarterlyPDC?
    /// The quarterly PDC summarised by arm, by site and by quarter (``QuarterlyPDC/summaries(by:patients:quantiles:level:)``,
    /// 95% intervals), computed once for every view; empty without ``pharmacy``.
    public let pharmacySummaries: [QuarterlyPDCGrouping: [AdherenceSummary]]

    public init(cohort: Cohort, plan: AnalysisPlan, arms: ArmColumns) {
        let pharmacy = cohort.dispensings != nil && cohort.hasCalendarDates
            ? (try? QuarterlyPDC(cohort, options: plan.quarterlyPDCOptions)).flatMap { $0.results.isEmpty ? nil : $0 }
            : nil
        self.pharmacy = pharmacy
        pharmacySummaries = pharmacy.map { quarterly in
            Dictionary(uniqueKeysWithValues: QuarterlyPDCGrouping.allCases.map {
                ($0, quarterly.summaries(by: $0, patients: cohort.patients, quantiles: plan.disclosure.publishedQuantiles))
            })
        } ?? [:]
        guard cohort.doses != nil else { dosing = nil; return }
        do {
            dosing = .computed(try Self.dosing(cohort: cohort, plan: plan, arms: arms))
        } catch {
            dosing = .unavailable(reason: "observed dosing could not be measured: \(error)")
        }
    }

    static func dosing(cohort: Cohort, plan: AnalysisPlan, arms: ArmColumns) throws -> Dosing {
        let windows = plan.treatmentWindows(for: cohort)
        let perPatient = try ObservedDosing.compute(cohort, windows: windows, options: plan.observedDosingOptions)
        let byArm = AdherenceSummary.byGroup(
            values: perPatient.map(\.adherence), group: perPatient.map { arms.columnOfPatient[$0.patient] },
            labels: arms.labels, threshold: plan.adherence.threshold, quantiles: plan.disclosure.publishedQuantiles)
        var percent = [[Double]](repeating: [], count: arms.count)
        for result in perPatient { percent[arms.columnOfPatient[result.patient]].append(result.adherence * 100) }
        var attendance: [Dosing.Attendance]?
        if let visits = cohort.visits {
            let byKind = try VisitAttendance.compute(cohort, windows: windows)
            attendance = zip(visits.kind.levels, byKind).flatMap { kind, byPatient -> [Dosing.Attendance] in
                var scheduled = [Int](repeating: 0, count: arms.count), attended = scheduled, excused = scheduled
                for visits in byPatient {
                    let column = arms.columnOfPatient[visits.patient]
                    scheduled[column] += visits.scheduled
                    attended[column] += visits.attended
                    excused[column] += visits.excused
                }
                return (0..<arms.count).filter { scheduled[$0] + excused[$0] > 0 }.map {
                    Dosing.Attendance(
                        kind: kind, armColumn: $0, scheduled: scheduled[$0], attended: attended[$0], excused: excused[$0])
                }
            }
        }
        let armLabels = Set(cohort.patients.arm.levels)
        return Dosing(
            protocols: plan.protocols.filter { $0.arms.contains(where: armLabels.contains) },
            windowDays: plan.adherence.windowDays, windowEndsAtDischarge: plan.adherence.windowEndsAtDischarge,
            threshold: plan.adherence.threshold, injectionDays: plan.naltrexoneInjectionCoverageDays,
            perPatient: perPatient, byArm: byArm,
            distributionByArm: percent.map {
                $0.isEmpty ? nil : SampleSummary($0, quantiles: plan.disclosure.publishedQuantiles)
            }, attendance: attendance)
    }
}
