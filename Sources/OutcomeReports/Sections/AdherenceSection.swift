import OutcomeStats
import TreatmentOutcomes

/// The report's "Adherence" section: observed dosing adherence by arm with Wilson intervals, visit attendance by
/// arm and kind, and a box plot of per-patient adherence when the cohort has `doses.csv`; quarterly proportion of
/// days covered (``PharmacyAdherenceBlocks``) when it has dated `dispensings.csv`; `nil` with neither.
///
/// Windows: the CTN-0094 protocol phases when every arm is a CTN-0094 arm (``TreatmentPhases/ctn0094``), else
/// days 0–179, cut at discharge when the cohort has episodes. Privacy: an arm with fewer patients than the policy's
/// minimum shows no statistics; an adherent count is withheld (with its percentage and interval) when it or the
/// non-adherent count is 1…(minimum − 1), so neither can be worked out from the arm's N; visit counts follow the
/// same rule with attended and not attended.
enum AdherenceSection {
    static func make(cohort: Cohort, arms: ArmColumns, policy: SmallCellPolicy) -> Report.Section? {
        let blocks = dosingBlocks(cohort: cohort, arms: arms, policy: policy)
            + PharmacyAdherenceBlocks.make(cohort: cohort, policy: policy)
        return blocks.isEmpty ? nil : Report.Section(heading: "Adherence", blocks: blocks)
    }

    /// Observed dosing and attendance; none without `doses.csv`.
    static func dosingBlocks(cohort: Cohort, arms: ArmColumns, policy: SmallCellPolicy) -> [Report.Block] {
        guard cohort.doses != nil else { return [] }
        let usesProtocol = TreatmentPhases.ctn0094.coversEveryArm(of: cohort.patients.arm)
        let windows = usesProtocol
            ? TreatmentWindows(cohort: cohort, phases: .ctn0094)
            : TreatmentWindows(cohort: cohort, period: DayInterval(first: 0, last: 179))
        guard let dosing = try? ObservedDosing.compute(cohort, windows: windows), !dosing.isEmpty else { return [] }
        let threshold = 0.8
        let summaries = AdherenceSummary.byGroup(
            values: dosing.map(\.adherence), group: dosing.map { arms.columnOfPatient[$0.patient] }, labels: arms.labels,
            threshold: threshold)
        var blocks: [Report.Block] = [
            .paragraph(
                "Observed dosing: a day is covered when a dose was given (or take-home doses cover it); an "
                    + "extended-release naltrexone injection covers 28 days. Adherence = covered days ÷ expected days, "
                    + (usesProtocol
                        ? "over each arm's protocol medication phase from randomization (CTN-0027 and CTN-0051: 24 "
                            + "weeks; CTN-0030: 4 weeks of stabilisation and taper), whether or not the patient stayed. "
                        : "over days 0–179 from the index day, ending at discharge when episodes are recorded. ")
                    + "Adherent = at least 80% of expected days covered; 95% Wilson score intervals."),
            .table(dosingTable(summaries, policy: policy)),
        ]
        if let chart = distributionChart(dosing: dosing, arms: arms, policy: policy) {
            blocks.append(.chart(chart))
        }
        if let attendance = try? VisitAttendance.compute(cohort, windows: windows), let visits = cohort.visits {
            blocks.append(.table(attendanceTable(attendance, kinds: visits.kind.levels, arms: arms, policy: policy)))
            if usesProtocol {
                blocks.append(.paragraph(
                    "CTN-0094 recorded most missed visits without a date (docs/CTN0094.md), so they cannot be placed "
                        + "in the window and attendance here is overstated; the dosing record is the better measure."))
            }
        }
        return blocks
    }

    static func dosingTable(_ summaries: [AdherenceSummary], policy: SmallCellPolicy) -> Table {
        var suppressedAny = false
        let rows = summaries.map { summary -> [Cell] in
            guard summary.count >= policy.minimumCount else {
                suppressedAny = true
                return [.text(summary.label), .suppressed] + [Cell](repeating: .suppressed, count: 4)
            }
            let adherent = summary.adherentCount
            let withheld = policy.isSmall(adherent) || policy.isSmall(summary.count - adherent)
            suppressedAny = suppressedAny || withheld
            let interval = summary.shareAdherent
            return [
                .text(summary.label), .count(summary.count), .percentage(summary.mean, decimals: 1),
                .text("\(NumberFormat.percentage(summary.median, decimals: 1)) [\(NumberFormat.percentage(summary.lowerQuartile, decimals: 1)), \(NumberFormat.percentage(summary.upperQuartile, decimals: 1))]"),
                withheld ? .suppressed : .countAndPercentage(count: adherent, percentage: interval.estimate, decimals: 1),
                withheld ? .suppressed
                    : .text("\(NumberFormat.percentage(interval.lower, decimals: 1)) – \(NumberFormat.percentage(interval.upper, decimals: 1))"),
            ]
        }
        return Table(
            title: "Observed dosing adherence by arm",
            columns: [
                Table.Column("Arm"), Table.Column("Patients", alignment: .right),
                Table.Column("Mean adherence", alignment: .right), Table.Column("Median [Q1, Q3]", alignment: .right),
                Table.Column("Adherent (≥ 80%)", alignment: .right), Table.Column("95% CI", alignment: .right),
            ],
            rows: rows, footnotes: suppressedAny ? [policy.statement] : [])
    }

    static func attendanceTable(
        _ attendance: [[PatientAttendance]], kinds: [String], arms: ArmColumns, policy: SmallCellPolicy
    ) -> Table {
        var rows: [[Cell]] = []
        var suppressedAny = false
        for (kind, byPatient) in zip(kinds, attendance) {
            var scheduled = [Int](repeating: 0, count: arms.count), attended = scheduled, excused = scheduled
            for visits in byPatient {
                let column = arms.columnOfPatient[visits.patient]
                scheduled[column] += visits.scheduled
                attended[column] += visits.attended
                excused[column] += visits.excused
            }
            for column in 0..<arms.count where scheduled[column] + excused[column] > 0 {
                let withheld = policy.isSmall(attended[column]) || policy.isSmall(scheduled[column] - attended[column])
                    || policy.isSmall(scheduled[column])
                suppressedAny = suppressedAny || withheld || policy.isSmall(excused[column])
                let rate = scheduled[column] == 0 ? nil : Double(attended[column]) / Double(scheduled[column])
                rows.append([
                    .text(arms.labels[column]), .text(kind), withheld ? .suppressed : .count(scheduled[column]),
                    withheld ? .suppressed : .count(attended[column]),
                    withheld ? .suppressed : (rate.map { .percentage($0, decimals: 1) } ?? .notApplicable),
                    policy.isSmall(excused[column]) ? .suppressed : .count(excused[column]),
                ])
            }
        }
        return Table(
            title: "Visit attendance by arm and kind",
            columns: [
                Table.Column("Arm"), Table.Column("Visit kind"), Table.Column("Scheduled", alignment: .right),
                Table.Column("Attended", alignment: .right), Table.Column("Attendance", alignment: .right),
                Table.Column("Excused (not scheduled)", alignment: .right),
            ],
            rows: rows,
            footnotes: ["Scheduled = attended + missed visits dated in the window; cancelled visits are left out."]
                + (suppressedAny ? [policy.statement] : []))
    }

    /// Box plots of per-patient adherence (%) by arm; whiskers at the 10th and 90th percentiles so no single
    /// patient's value is drawn; arms with fewer patients than the policy's minimum are not drawn.
    static func distributionChart(
        dosing: [PatientDosingAdherence], arms: ArmColumns, policy: SmallCellPolicy
    ) -> Chart? {
        var values = [[Double]](repeating: [], count: arms.count)
        for result in dosing { values[arms.columnOfPatient[result.patient]].append(result.adherence * 100) }
        let boxes = arms.labels.indices.compactMap { column -> BoxSummary? in
            guard values[column].count >= policy.minimumCount else { return nil }
            return BoxSummary.percentiles(name: arms.labels[column], values: values[column])
        }
        guard !boxes.isEmpty else { return nil }
        return Chart(
            identifier: "adherence-observed-dosing-by-arm", title: "Observed dosing adherence by arm", xLabel: "Arm",
            yLabel: "Expected days covered (%)", content: .boxPlots(boxes), yRange: 0...100,
            summary: "Per-patient observed dosing adherence by arm: boxes span the quartiles, the bar marks the median "
                + "and the whiskers the 10th and 90th percentiles.")
    }
}
