import TreatmentOutcomes

/// The report's "Retention" section, a view of ``RetentionResults``: Kaplan–Meier retention by arm (table and
/// step-curve chart with 95% bands) at the plan's horizons, and each contrast's log-rank test and Cox hazard ratio
/// of discontinuation adjusted for the plan's covariates.
///
/// Small cells (``ReportCounts``): each arm's N is a part of the arm's N in the baseline tables (the rest have no
/// record), its discontinuations a part of its N, the patients without a record their sum, and each comparison's
/// N in model a part of its two arms' Ns; withholding is chosen with every other table. An arm whose N or
/// discontinuations are withheld shows no estimates; an estimate or curve point is shown under
/// ``KaplanMeierDisclosure``.
enum RetentionSection {
    static let heading = "Retention"

    enum Keys {
        static func patients(_ arm: String) -> ReportCounts.Key { .named("retention N \(arm)") }
        static func started(_ arm: String) -> ReportCounts.Key { .named("retention started \(arm)") }
        static func withoutRecord(_ arm: String) -> ReportCounts.Key { .named("retention without a record \(arm)") }
        static func discontinued(_ arm: String) -> ReportCounts.Key { .named("retention discontinued \(arm)") }
        static func discontinuedAfterStart(_ arm: String) -> ReportCounts.Key {
            .named("retention discontinued after starting \(arm)")
        }
        static func censored(_ arm: String) -> ReportCounts.Key { .named("retention censored \(arm)") }
        static func completed(_ arm: String) -> ReportCounts.Key { .named("retention completed protocol \(arm)") }
        static func notCompleted(_ arm: String) -> ReportCounts.Key { .named("retention did not complete \(arm)") }
        static func startedNotCompleted(_ arm: String) -> ReportCounts.Key {
            .named("retention started, did not complete \(arm)")
        }
        static let withoutRecordTotal = ReportCounts.Key.named("retention without a record")
        static func model(_ index: Int) -> ReportCounts.Key { .named("retention comparison \(index) N in model") }
        static func pair(_ index: Int) -> ReportCounts.Key { .named("retention comparison \(index) both arms") }
        static func excluded(_ index: Int) -> ReportCounts.Key { .named("retention comparison \(index) left out") }
    }

    /// Registers the retention counts and their sums.
    static func register(_ analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>) {
        guard analysis.parts.contains(.retention), let results = analysis.retention.value else { return }
        let arms = analysis.arms
        var withoutRecord: [ReportCounts.Key] = []
        for summary in results.byArm {
            guard let arm = arms.labels.firstIndex(of: summary.label) else { continue }
            let label = summary.label, n = summary.curve.subjectCount, events = summary.curve.eventCount
            if results.population == .assigned {
                // N is the arm's N; started is a part of it, and every patient who never started is a discontinuation.
                problem.addCell(Keys.patients(label), count: n)
                if problem.count(of: .armTotal(arm: arm)) == n { problem.addGroup([Keys.patients(label), .armTotal(arm: arm)]) }
                problem.addPart(Keys.started(label), count: summary.started, of: Keys.patients(label), rest: Keys.withoutRecord(label))
                problem.addHiddenCell(Keys.discontinuedAfterStart(label), count: events - (n - summary.started))
            } else {
                problem.addPart(Keys.patients(label), count: n, of: .armTotal(arm: arm), rest: Keys.withoutRecord(label))
            }
            problem.addPart(Keys.discontinued(label), count: events, of: Keys.patients(label), rest: Keys.censored(label))
            if results.population == .assigned {
                problem.addGroup([Keys.withoutRecord(label), Keys.discontinuedAfterStart(label), Keys.discontinued(label)])
            }
            if let completed = results.protocolCompletion.completedByArm[label] {
                problem.addPart(Keys.completed(label), count: completed, of: .armTotal(arm: arm), rest: Keys.notCompleted(label))
                if results.population == .assigned, completed <= summary.started {
                    problem.addHiddenCell(Keys.startedNotCompleted(label), count: summary.started - completed)
                    problem.addGroup([Keys.completed(label), Keys.startedNotCompleted(label), Keys.started(label)])
                }
            }
            withoutRecord.append(Keys.withoutRecord(label))
        }
        let notStarted = results.byArm.reduce(0) { $0 + $1.curve.subjectCount - $1.started }
        let withoutRecordTotal = results.population == .assigned ? notStarted : results.episodes.patientsWithoutTreatment
        problem.addCell(Keys.withoutRecordTotal, count: withoutRecordTotal)
        if !problem.addSumIfConsistent(withoutRecord, total: Keys.withoutRecordTotal) {
            problem.addPart(
                Keys.withoutRecordTotal, count: withoutRecordTotal, of: .grandTotal, rest: .named("retention with a record"))
        }
        for (index, entry) in results.comparisons.enumerated() {
            let comparison = entry.result
            let members = [Keys.patients(comparison.comparison), Keys.patients(comparison.reference)]
            let both = members.compactMap { problem.count(of: $0) }
            problem.addCell(Keys.model(index), count: comparison.fit.subjectCount)
            guard both.count == 2 else { continue }
            problem.addHiddenCell(Keys.pair(index), count: both.reduce(0, +))
            problem.addGroup(members + [Keys.pair(index)])
            // Nobody left out: a reader who sees no missing adjustment covariate in the baseline table knows the
            // model's N is the two arms' sum exactly.
            if comparison.excludedForMissingCovariates > 0 || !problem.addSumIfConsistent(members, total: Keys.model(index)) {
                problem.addPart(Keys.model(index), count: comparison.fit.subjectCount, of: Keys.pair(index), rest: Keys.excluded(index))
                boundExcluded(index, arms: [comparison.comparison, comparison.reference], analysis: analysis, into: &problem)
            }
        }
    }

    /// A reader bounds a comparison's patients left out (the two arms' N less the model's N) by the missing counts
    /// of the adjustment covariates in the baseline table: each left-out patient misses at least one, and every
    /// patient missing one is left out, so for every covariate c
    /// ```
    /// Σ_arms missing(c)  ≤  left out  ≤  Σ_c Σ_arms missing(c)
    /// ```
    /// (the lower bound holds when every patient of the arms is in the model's rows, as under intention to treat; it is
    /// added only when the counts satisfy it). Registered as sums with slack cells (hidden, non-negative, not
    /// themselves protected): `missing = Σ missing cells`, `left out + kept = missing` and, per covariate,
    /// `missing(c) cells + slack(c) = left out`. Without every adjustment covariate in the baseline table the reader has
    /// no bound and nothing is added.
    static func boundExcluded(
        _ index: Int, arms armLabels: [String], analysis: CohortAnalysis, into problem: inout SuppressionProblem<ReportCounts.Key>
    ) {
        let leftOut = Keys.excluded(index)
        guard let excluded = problem.count(of: leftOut),
              let cellsByCovariate = missingCells(analysis.plan.retention.adjustment, arms: armLabels, analysis: analysis, problem: problem)
        else { return }
        let cells = cellsByCovariate.flatMap(\.cells)
        let counts = cells.compactMap { problem.count(of: $0) }
        let missing = counts.reduce(0, +)
        guard excluded <= missing else { return }
        let slack = "retention comparison \(index)"
        problem.addSlackCell(.named("\(slack) missing covariates"), count: missing)
        problem.addGroup(cells + [.named("\(slack) missing covariates")])
        problem.addSlackCell(.named("\(slack) missing covariates, not left out"), count: missing - excluded)
        problem.addGroup([leftOut, .named("\(slack) missing covariates, not left out"), .named("\(slack) missing covariates")])
        for (name, covariateCells) in cellsByCovariate {
            let missingOfCovariate = covariateCells.reduce(0) { $0 + problem.count(of: $1)! }
            guard missingOfCovariate <= excluded else { continue }
            let key = ReportCounts.Key.named("\(slack) left out beyond those missing \(name)")
            problem.addSlackCell(key, count: excluded - missingOfCovariate)
            problem.addGroup(covariateCells + [key, leftOut])
        }
    }

    /// The baseline table's missing-count cells of each of `covariates` (those the cohort has) in the columns of
    /// `arms`, or `nil` when one is not in the table or not registered (a reader then has no bound from it).
    static func missingCells(
        _ covariates: [String], arms armLabels: [String], analysis: CohortAnalysis, problem: SuppressionProblem<ReportCounts.Key>
    ) -> [(name: String, cells: [ReportCounts.Key])]? {
        let baseline = analysis.baseline
        let columns = armLabels.compactMap { baseline.arms.labels.firstIndex(of: $0) }
        guard columns.count == armLabels.count else { return nil }
        var cellsByCovariate: [(name: String, cells: [ReportCounts.Key])] = []
        for name in covariates where analysis.cohort.patients.covariate(named: name) != nil {
            guard let position = baseline.characteristics.firstIndex(where: { $0.name == name }) else { return nil }
            let block = position + 1
            let row = switch baseline.characteristics[position].summary {
            case .categorical(let levels, _): levels.count
            case .numeric: 0
            }
            let cells = columns.map { ReportCounts.Key.cell(block: block, row: row, arm: $0) }
            guard cells.allSatisfy(problem.contains) else { return nil }
            cellsByCovariate.append((name, cells))
        }
        return cellsByCovariate
    }

    static func make(analysis: CohortAnalysis, counts: ReportCounts) -> Report.Section? {
        guard analysis.parts.contains(.retention) else { return nil }
        guard let results = analysis.retention.value else {
            return Report.Section(
                heading: heading, blocks: [.paragraph("Retention was not measured: \(analysis.retention.reason ?? "").")])
        }
        let treatments = Dictionary(
            analysis.baseline.treatments.map { ($0.arm, $0.label) }, uniquingKeysWith: { first, _ in first })
        var blocks: [Report.Block] = [.paragraph(description(results, counts: counts))]
        blocks.append(.table(armTable(results, treatments: treatments, counts: counts)))
        let notes = results.protocols.compactMap { item in item.note.map { "\(item.description): \($0)" } }
        if !notes.isEmpty { blocks.append(.bulletList(notes)) }
        let horizon = results.protocols.map(\.followUpDays).max().map(Double.init)
        blocks.append(.chart(chart(results.byArm, panels: ArmPanels(analysis: analysis), counts: counts, horizon: horizon)))
        let comparisons = results.comparisons.map(\.result)
        if !comparisons.isEmpty {
            let adjustment = analysis.plan.retention.adjustment.filter { analysis.cohort.patients.covariate(named: $0) != nil }
            blocks.append(.table(comparisonTable(comparisons, adjustment: adjustment, counts: counts)))
            let warnings = comparisons.flatMap { comparison in
                comparison.fit.convergence.warnings.map { warning in
                    "\(comparison.comparison) vs \(comparison.reference): "
                        + "\(warning.index.map { warning.naming(comparison.terms[$0]) } ?? warning)"
                }
            }
            if !warnings.isEmpty { blocks.append(.bulletList(warnings.map { "Model warning: \($0)" })) }
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    static func description(_ results: RetentionResults, counts: ReportCounts) -> String {
        let episodes = results.episodes
        let source = switch episodes.source {
        case .episodes: "recorded treatment episodes (episodes.csv); dropout is the event, other end reasons censor"
        case .doses: "dose records: each dose covers its day (a naltrexone injection \(episodes.options.naltrexoneDoseCoverageDays) days)"
        case .dispensings: "pharmacy fills: each covers its days' supply"
        }
        let observation = results.protocols.isEmpty
            ? "Each patient is observed through their last record; an episode whose gap cannot be seen in full is censored."
            : "Patients of a protocol arm are observed through its follow-up ("
                + results.protocols.map { "\($0.description): day \($0.followUpDays)" }.joined(separator: "; ")
                + "): an episode still running then is censored, not counted as dropout; other patients through their last record."
        let withoutRecord = counts.isWithheld(Keys.withoutRecordTotal)
            ? "withheld (small cell)" : String(counts.count(Keys.withoutRecordTotal))
        let population = switch results.population {
        case .assigned:
            "Every patient of an arm is counted (intention to treat): N is the arm's N, and a patient who did not start "
                + "treatment within follow-up is retained 0 days, a discontinuation on day 0. Started = patients with a "
                + "treatment episode; in a trial whose medication begins after detoxification this is induction. "
                + "Patients who did not start treatment: \(withoutRecord)."
        case .started:
            "Only patients who started treatment are counted: retention runs from each patient's first covered day. "
                + "Patients without any treatment record: \(withoutRecord)."
        }
        let completion = results.protocolCompletion.completedByArm.isEmpty ? ""
            : " Completed protocol = on medication in the last week of the protocol's medication phase, of every "
                + "patient of the arm (the trials' completion)."
        return "Retention in treatment from \(source). An episode starts at the first covered day and ends at the last "
            + "covered day before the first gap of more than \(episodes.options.allowedGapDays) days. \(observation) "
            + "Retained at D days = still in treatment on day D (Kaplan–Meier, 95% log-scale intervals). "
            + "Dosing that stops by protocol (a scheduled taper) counts as discontinuation under this definition. "
            + population + completion
    }

    /// Whether an arm's estimates may be shown: its N and discontinuations are.
    static func estimatesShown(_ summary: RetentionGroupSummary, counts: ReportCounts) -> Bool {
        counts.areShown([Keys.patients(summary.label), Keys.discontinued(summary.label)])
            && !counts.policy.isSmall(summary.curve.subjectCount)
    }

    static func armTable(_ results: RetentionResults, treatments: [String: String], counts: ReportCounts) -> Table {
        let summaries = results.byArm, days = results.horizonDays
        let showsStarted = results.population == .assigned
        let completion = results.protocolCompletion.completedByArm
        func interval(_ estimate: Double?, _ lower: Double?, _ upper: Double?, percent: Bool) -> Cell {
            guard let estimate else { return .notApplicable }
            let format = { (value: Double) in percent ? NumberFormat.percentage(value, decimals: 1) : NumberFormat.fixed(value, decimals: 0) }
            let limits = "\(lower.map(format) ?? "NA"), \(upper.map(format) ?? "NA")"
            return .text("\(format(estimate)) [\(limits)]")
        }
        let rows = summaries.map { summary -> [Cell] in
            let label = summary.label
            var leading: [Cell] = [.text(label), .text(treatments[label] ?? ""), counts.countCell(Keys.patients(label))]
            if showsStarted { leading.append(counts.countAndPercentageCell(Keys.started(label), of: Keys.patients(label))) }
            if !completion.isEmpty {
                leading.append(completion[label] == nil
                    ? .notApplicable : counts.countAndPercentageCell(Keys.completed(label), of: Keys.patients(label)))
            }
            leading.append(counts.countCell(Keys.discontinued(label)))
            guard estimatesShown(summary, counts: counts) else {
                return leading + [.suppressed] + summary.retained.map { _ in .suppressed }
            }
            let shown = KaplanMeierDisclosure.shown(
                summary.curve, at: summary.retained.map { Double($0.day) }, policy: counts.policy)
            return leading
                + [summary.median.estimate == nil ? .text("not reached")
                    : interval(summary.median.estimate, summary.median.lower, summary.median.upper, percent: false)]
                + zip(summary.retained, shown).map { retained, isShown in
                    guard retained.estimate != nil else { return .notApplicable }
                    return isShown ? interval(retained.estimate, retained.lower, retained.upper, percent: true) : .suppressed
                }
        }
        var columns = [Table.Column("Arm"), Table.Column("Treatment"), Table.Column("N", alignment: .right)]
        if showsStarted { columns.append(Table.Column("Started", alignment: .right)) }
        if !completion.isEmpty { columns.append(Table.Column("Completed protocol", alignment: .right)) }
        columns += [Table.Column("Discontinued", alignment: .right), Table.Column("Median days [95% CI]", alignment: .right)]
            + days.map { Table.Column("Retained \($0) d [95% CI]", alignment: .right) }
        var footnotes = ["Median and retention from the Kaplan–Meier curve; NA = the interval does not reach 0.5; — (empty in "
            + "CSV) marks a day beyond the arm's follow-up."]
        if showsStarted {
            footnotes.append("Started and completed protocol: n (% of the arm's N). Discontinued includes the patients who "
                + "never started.")
        }
        return Table(title: "Retention by arm", columns: columns, rows: rows, footnotes: footnotes)
    }

    /// Kaplan–Meier retention by arm, in a panel per trial or medication (``ArmPanels``): in a programme, a
    /// medication's panel is its medication alone against each psychosocial support, the report's question.
    static func chart(
        _ summaries: [RetentionGroupSummary], panels: ArmPanels, counts: ReportCounts, horizon: Double?
    ) -> Chart {
        let policy = counts.policy
        let series = summaries.compactMap { summary -> ChartSeries? in
            estimatesShown(summary, counts: counts)
                ? KaplanMeierSeries.step(name: summary.label, curve: summary.curve, policy: policy) : nil
        }
        return Chart(
            identifier: "retention-by-arm", title: "Retention in treatment by arm (Kaplan–Meier)",
            xLabel: "Days since treatment start", yLabel: "Proportion retained", content: panels.content(series),
            xRange: horizon.map { 0...$0 }, yRange: 0...1,
            summary: "Kaplan–Meier retention curves, one per arm\(panels.sentence), with 95% confidence bands; each drop "
                + "drawn stands for at least \(policy.minimumCount) discontinuations and each curve stops before fewer "
                + "than \(policy.minimumCount) patients remain at risk.")
    }

    static func comparisonTable(_ comparisons: [RetentionComparison], adjustment: [String], counts: ReportCounts) -> Table {
        // A test or ratio beside a withheld count would let a reader estimate it (a log hazard ratio's SE is about
        // √(1/d₁ + 1/d₂)): shown only when both arms' patients and discontinuations are.
        let shown = comparisons.map { comparison in
            counts.areShown([comparison.comparison, comparison.reference].flatMap { [Keys.patients($0), Keys.discontinued($0)] })
        }
        let holm = MultipleComparisons.holmCells(zip(comparisons, shown).map { $1 ? $0.logRank.test.pValue : nil })
        let rows = comparisons.enumerated().map { index, comparison -> [Cell] in
            let test = comparison.logRank.test
            let ratio: Cell = comparison.hazardRatio.map { .text(NumberFormat.ratioAndInterval($0)) } ?? .notApplicable
            let pValue: Cell = comparison.hazardRatio.map { .pValue($0.pValue) } ?? .notApplicable
            guard shown[index] else {
                return [.text("\(comparison.comparison) vs \(comparison.reference)"), .suppressed, .suppressed, .suppressed,
                        .suppressed, .suppressed, counts.countCell(Keys.model(index))]
            }
            return [.text("\(comparison.comparison) vs \(comparison.reference)"),
                    .text("\(NumberFormat.fixed(test.statistic, decimals: 2)) (\(test.degreesOfFreedom))"),
                    Cell.pValue(test.pValue), holm[index], ratio, pValue, counts.countCell(Keys.model(index))]
        }
        var footnotes = ["Hazard ratio of discontinuation for the first arm against the second from a Cox model (Efron ties) "
            + (adjustment.isEmpty ? "unadjusted" : "adjusted for \(MethodsSection.list(adjustment))") + "; below 1 = better "
            + "retention." + (adjustment.isEmpty ? "" : " Patients with a missing adjustment covariate are left out of the model.")
            + " A comparison's tests are withheld when either arm's patients or discontinuations are."]
        let tests = shown.count(where: { $0 })
        if tests > 1 { footnotes.append(MultipleComparisons.footnote(tests: tests, of: "log-rank")) }
        return Table(
            title: "Retention comparisons",
            columns: [Table.Column("Comparison"), Table.Column("Log-rank χ² (df)", alignment: .right),
                      Table.Column("Log-rank p", alignment: .right), Table.Column("Holm p", alignment: .right),
                      Table.Column("Hazard ratio of discontinuation [95% CI]", alignment: .right),
                      Table.Column("Cox p", alignment: .right), Table.Column("N in model", alignment: .right)],
            rows: rows,
            footnotes: footnotes)
    }
}
