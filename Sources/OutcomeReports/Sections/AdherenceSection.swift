import TreatmentOutcomes

/// The report's "Adherence" section, a view of ``AdherenceResults``: observed dosing adherence by arm with Wilson
/// intervals, visit attendance by arm and kind, and a box plot of per-patient adherence when the cohort has
/// `doses.csv`; quarterly proportion of days covered (``PharmacyAdherenceBlocks``) when it has dated
/// `dispensings.csv`; `nil` with neither.
///
/// Windows (from the plan): a protocol arm's medication phase, else days 0 … windowDays − 1, cut at discharge when
/// the cohort has episodes. Privacy: an arm with fewer patients than the policy's minimum shows no statistics; an
/// adherent count is withheld (with its percentage and interval) when it or the non-adherent count is
/// 1…(minimum − 1), so neither can be worked out from the arm's N; visit counts follow the same rule with attended
/// and not attended.
enum AdherenceSection {
    static func make(analysis: CohortAnalysis, policy: SmallCellPolicy) -> Report.Section? {
        guard analysis.parts.contains(.adherence), let results = analysis.adherence.value else { return nil }
        var blocks: [Report.Block] = []
        switch results.dosing {
        case .computed(let dosing)?: blocks += dosingBlocks(dosing, arms: analysis.arms, policy: policy)
        case .unavailable(let reason)?: blocks.append(.paragraph("Observed dosing was not measured: \(reason)."))
        case nil: break
        }
        if let pharmacy = results.pharmacy {
            blocks += PharmacyAdherenceBlocks.make(pharmacy, patients: analysis.cohort.patients, policy: policy)
        }
        return blocks.isEmpty ? nil : Report.Section(heading: "Adherence", blocks: blocks)
    }

    /// Observed dosing and attendance.
    static func dosingBlocks(_ dosing: AdherenceResults.Dosing, arms: ArmColumns, policy: SmallCellPolicy) -> [Report.Block] {
        guard !dosing.perPatient.isEmpty else { return [] }
        let window = dosing.protocols.isEmpty
            ? "over days 0–\(dosing.windowDays - 1) from the index day"
            : "over each protocol arm's medication phase from the index day ("
                + dosing.protocols.map { "\($0.description): \($0.medicationPhaseDays) days" }.joined(separator: "; ")
                + "), whether or not the patient stayed, and over days 0–\(dosing.windowDays - 1) for other arms"
        var blocks: [Report.Block] = [
            .paragraph(
                "Observed dosing: a day is covered when a dose was given (or take-home doses cover it); an "
                    + "extended-release naltrexone injection covers \(dosing.injectionDays) days. Adherence = covered "
                    + "days ÷ expected days, \(window)"
                    + (dosing.windowEndsAtDischarge ? ", ending at a recorded discharge. " : ". ")
                    + "Adherent = at least \(NumberFormat.percentage(dosing.threshold, decimals: 0)) of expected days "
                    + "covered; 95% Wilson score intervals."),
            .table(dosingTable(dosing.byArm, threshold: dosing.threshold, policy: policy)),
        ]
        if let chart = distributionChart(dosing.distributionByArm, arms: arms, policy: policy) {
            blocks.append(.chart(chart))
        }
        if let attendance = dosing.attendance {
            blocks.append(.table(attendanceTable(attendance, arms: arms, policy: policy)))
            if !dosing.protocols.isEmpty {
                blocks.append(.paragraph(
                    "Trial records may hold missed visits without a date (CTN-0094 does: docs/CTN0094.md); those cannot "
                        + "be placed in the window, so attendance can be overstated; the dosing record is the better measure."))
            }
        }
        return blocks
    }

    static func dosingTable(_ summaries: [AdherenceSummary], threshold: Double, policy: SmallCellPolicy) -> Table {
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
                Table.Column("Adherent (≥ \(NumberFormat.percentage(threshold, decimals: 0)))", alignment: .right), Table.Column("95% CI", alignment: .right),
            ],
            rows: rows, footnotes: suppressedAny ? [policy.statement] : [])
    }

    static func attendanceTable(
        _ attendance: [AdherenceResults.Dosing.Attendance], arms: ArmColumns, policy: SmallCellPolicy
    ) -> Table {
        var suppressedAny = false
        let rows = attendance.map { entry -> [Cell] in
            let withheld = policy.isSmall(entry.attended) || policy.isSmall(entry.scheduled - entry.attended)
                || policy.isSmall(entry.scheduled)
            suppressedAny = suppressedAny || withheld || policy.isSmall(entry.excused)
            return [
                .text(arms.labels[entry.armColumn]), .text(entry.kind), withheld ? .suppressed : .count(entry.scheduled),
                withheld ? .suppressed : .count(entry.attended),
                withheld ? .suppressed : (entry.rate.map { .percentage($0, decimals: 1) } ?? .notApplicable),
                policy.isSmall(entry.excused) ? .suppressed : .count(entry.excused),
            ]
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
    static func distributionChart(_ byArm: [SampleSummary?], arms: ArmColumns, policy: SmallCellPolicy) -> Chart? {
        let boxes = byArm.enumerated().compactMap { column, summary -> BoxSummary? in
            guard let summary, summary.count >= policy.minimumCount else { return nil }
            return BoxSummary(name: arms.labels[column], summary: summary)
        }
        guard !boxes.isEmpty else { return nil }
        return Chart(
            identifier: "adherence-observed-dosing-by-arm", title: "Observed dosing adherence by arm", xLabel: "Arm",
            yLabel: "Expected days covered (%)", content: .boxPlots(boxes), yRange: 0...100,
            summary: "Per-patient observed dosing adherence by arm: boxes span the quartiles, the bar marks the median "
                + "and the whiskers the 10th and 90th percentiles.")
    }
}
