import TreatmentOutcomes

/// The report's "Adherence" section, a view of ``AdherenceResults``: observed dosing adherence by arm with Wilson
/// intervals, visit attendance by arm and kind, and a box plot of per-patient adherence when the cohort has
/// `doses.csv`; quarterly proportion of days covered (``PharmacyAdherenceBlocks``) when it has dated
/// `dispensings.csv`; `nil` with neither.
///
/// Windows (from the plan): a protocol arm's medication phase, else days 0 … windowDays − 1, cut at discharge when
/// the cohort has episodes. Privacy (``ReportCounts``): each arm's patients with a window are a part of the arm's
/// N, its adherent patients a part of those beside a hidden non-adherent rest; an arm whose patients are withheld
/// or fewer than the minimum shows no statistics; visit counts are tied by attended + missed = scheduled. Quarterly
/// PDC counts join the same ledger, tied to the arm Ns (and to the sites when the report groups by site).
enum AdherenceSection {
    enum Keys {
        static func patients(_ arm: String) -> ReportCounts.Key { .named("adherence patients \(arm)") }
        static func withoutWindow(_ arm: String) -> ReportCounts.Key { .named("adherence patients without a window \(arm)") }
        static func adherent(_ arm: String) -> ReportCounts.Key { .named("adherence adherent \(arm)") }
        static func notAdherent(_ arm: String) -> ReportCounts.Key { .named("adherence not adherent \(arm)") }
        static func visits(_ arm: Int, _ kind: String, _ what: String) -> ReportCounts.Key {
            .named("adherence visits \(what) arm \(arm) \(kind)")
        }
        static func pharmacy(_ key: QuarterlyPDCTables.Key) -> ReportCounts.Key { .named("pdc \(key)") }
        static func pharmacyRest(_ label: String) -> ReportCounts.Key { .named("pdc not counted \(label)") }
    }

    /// Registers observed dosing, attendance and quarterly PDC counts with their sums.
    static func register(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard analysis.parts.contains(.adherence), let results = analysis.adherence.value else { return }
        let arms = analysis.arms
        if case .computed(let dosing)? = results.dosing {
            for summary in dosing.byArm {
                guard let arm = arms.labels.firstIndex(of: summary.label) else { continue }
                problem.addPart(Keys.patients(summary.label), count: summary.count, of: .armTotal(arm: arm),
                                rest: Keys.withoutWindow(summary.label))
                problem.addPart(Keys.adherent(summary.label), count: summary.adherentCount, of: Keys.patients(summary.label),
                                rest: Keys.notAdherent(summary.label))
            }
            for entry in dosing.attendance ?? [] {
                let scheduled = Keys.visits(entry.armColumn, entry.kind, "scheduled")
                problem.addCell(scheduled, count: entry.scheduled)
                problem.addPart(Keys.visits(entry.armColumn, entry.kind, "attended"), count: entry.attended, of: scheduled,
                                rest: Keys.visits(entry.armColumn, entry.kind, "missed"))
                problem.addCell(Keys.visits(entry.armColumn, entry.kind, "excused"), count: entry.excused)
            }
        }
        if let pharmacy = results.pharmacy {
            let summaries = results.pharmacySummaries
            QuarterlyPDCTables.register(pharmacy, summaries: summaries, into: &problem, key: Keys.pharmacy)
            guard case .inducted = pharmacy.options.cohort else { return }
            // Patients inducted in a shown quarter are patients of their arm (and of their site).
            for row in summaries[.arm] ?? [] {
                guard let arm = arms.labels.firstIndex(of: row.label) else { continue }
                problem.addPart(Keys.pharmacy(.count(.arm, row.label)), count: row.count, of: .armTotal(arm: arm),
                                rest: Keys.pharmacyRest("arm \(row.label)"))
            }
            let grouping = analysis.baseline.grouping
            if grouping.name == "site" {
                for row in summaries[.site] ?? [] {
                    guard let level = grouping.levels.firstIndex(of: row.label) else { continue }
                    problem.addPart(
                        Keys.pharmacy(.count(.site, row.label)), count: row.count,
                        of: .rowTotal(block: ReportCounts.groupingBlock, row: level), rest: Keys.pharmacyRest("site \(row.label)"))
                }
            }
        }
    }

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        guard analysis.parts.contains(.adherence), let results = analysis.adherence.value else { return nil }
        var blocks: [Report.Block] = []
        switch results.dosing {
        case .computed(let dosing)?: blocks += dosingBlocks(dosing, arms: analysis.arms, counts: counts)
        case .unavailable(let reason)?: blocks.append(.paragraph("Observed dosing was not measured: \(reason)."))
        case nil: break
        }
        if let pharmacy = results.pharmacy {
            blocks += PharmacyAdherenceBlocks.make(pharmacy, summaries: results.pharmacySummaries, counts: counts)
        }
        return blocks.isEmpty ? nil : Report.Section(heading: "Adherence", blocks: blocks)
    }

    /// Observed dosing and attendance.
    static func dosingBlocks(_ dosing: AdherenceResults.Dosing, arms: ArmColumns, counts: ReportCounts) -> [Report.Block] {
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
            .table(dosingTable(dosing.byArm, threshold: dosing.threshold, counts: counts)),
        ]
        let phases = Set(dosing.protocols.map(\.medicationPhaseDays))
        if phases.count > 1, let shortest = phases.min(), let longest = phases.max() {
            blocks.append(.paragraph(
                "The protocols' windows differ (\(shortest) to \(longest) days), so adherence compares arms of one "
                    + "protocol only: a short window, such as a taper's, is easier to cover in full."))
        }
        if let chart = distributionChart(dosing.distributionByArm, arms: arms, counts: counts) {
            blocks.append(.chart(chart))
        }
        if let attendance = dosing.attendance {
            blocks.append(.table(attendanceTable(attendance, arms: arms, counts: counts)))
            if !dosing.protocols.isEmpty {
                blocks.append(.paragraph(
                    "Trial records may hold missed visits without a date (CTN-0094 does: docs/CTN0094.md); those cannot "
                        + "be placed in the window, so attendance can be overstated; the dosing record is the better measure."))
            }
        }
        return blocks
    }

    /// Whether an arm's statistics may be shown: its N is shown and at least the minimum.
    static func statisticsShown(_ label: String, count: Int, counts: ReportCounts) -> Bool {
        counts.areShown([Keys.patients(label)]) && count >= counts.policy.minimumCount
    }

    static func dosingTable(_ summaries: [AdherenceSummary], threshold: Double, counts: ReportCounts) -> Table {
        let rows = summaries.map { summary -> [Cell] in
            guard statisticsShown(summary.label, count: summary.count, counts: counts) else {
                return [.text(summary.label), counts.countCell(Keys.patients(summary.label)), .suppressed, .suppressed,
                        counts.countCell(Keys.adherent(summary.label)), .suppressed]
            }
            let adherent = summary.adherentCount
            let withheld = counts.isWithheld(Keys.adherent(summary.label))
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
            rows: rows, footnotes: [PublishedQuantiles.footnote(minimum: counts.policy.minimumCount)])
    }

    static func attendanceTable(
        _ attendance: [AdherenceResults.Dosing.Attendance], arms: ArmColumns, counts: ReportCounts
    ) -> Table {
        let rows = attendance.map { entry -> [Cell] in
            let key = { (what: String) in Keys.visits(entry.armColumn, entry.kind, what) }
            let rateShown = counts.areShown([key("scheduled"), key("attended")])
            // Without one dated missed visit the rate is 100% by construction, not a measurement.
            let measurable = entry.scheduled > entry.attended
            return [
                .text(arms.labels[entry.armColumn]), .text(entry.kind), counts.countCell(key("scheduled")),
                counts.countCell(key("attended")),
                !rateShown ? .suppressed : measurable ? (entry.rate.map { .percentage($0, decimals: 1) } ?? .notApplicable)
                    : .notApplicable,
                counts.countCell(key("excused")),
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
            footnotes: ["Scheduled = attended + missed visits dated in the window; cancelled visits are left out. "
                + "Attendance is — where no missed visit is dated: every scheduled visit would count as attended, so "
                + "the records cannot measure it."])
    }

    /// Box plots of per-patient adherence (%) by arm; whiskers at the 10th and 90th percentiles, each quantile the
    /// mean of the values around it (``DisclosurePlan/publishedQuantiles``), so no single patient's value is drawn;
    /// arms with fewer patients than the policy's minimum are not drawn.
    static func distributionChart(_ byArm: [SampleSummary?], arms: ArmColumns, counts: ReportCounts) -> Chart? {
        let boxes = byArm.enumerated().compactMap { column, summary -> BoxSummary? in
            guard let summary, statisticsShown(arms.labels[column], count: summary.count, counts: counts) else { return nil }
            return BoxSummary(name: arms.labels[column], summary: summary)
        }
        guard !boxes.isEmpty else { return nil }
        return Chart(
            identifier: "adherence-observed-dosing-by-arm", title: "Observed dosing adherence by arm", xLabel: "Arm",
            yLabel: "Expected days covered (%)", content: .boxPlots(boxes), yRange: 0...100,
            summary: "Per-patient observed dosing adherence by arm: boxes span the quartiles, the bar marks the median "
                + "and the whiskers the 10th and 90th percentiles. "
                + PublishedQuantiles.boxPlotSentence(minimum: counts.policy.minimumCount))
    }
}
