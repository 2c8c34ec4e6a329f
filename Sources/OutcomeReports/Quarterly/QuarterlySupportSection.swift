import TreatmentOutcomes

/// The quarterly report's comparison of medication alone with medication and psychosocial support, per medication,
/// among the window's admissions (``QuarterlySupportComparison``): patients and dropouts per group, Kaplan–Meier
/// retention at the comparison's day with its interval, the log-rank test, and the unadjusted and adjusted Cox
/// hazard ratios of dropout; then one Kaplan–Meier chart per medication, one curve per group.
///
/// Small cells: the groups' patients and dropouts are counts of the quarterly ledger (``register(_:into:)``); an
/// estimate needs its group's counts shown and ``KaplanMeierDisclosure``'s rule; the tests and hazard ratios need
/// every count of the medication shown.
enum QuarterlySupportSection {
    static let heading = "Medication alone and with psychosocial support"

    typealias Key = QuarterlyDisclosure.Key

    /// A count of the comparison: `what` for `medication`, keyed at the reported quarter.
    static func key(_ analysis: QuarterlyAnalysis, _ what: String, _ medication: Medication) -> Key {
        Key(quarter: analysis.quarter, measure: "support comparison: " + what, group: .medication(medication), part: .numerator)
    }

    /// The comparison's counts and what a reader can tie them to: per medication, the groups' patients and the rest
    /// (no support label, no treatment record) add up to the window's admissions with that medication, the sum of
    /// its quarterly admissions cells; dropouts are parts of their group; the adjusted model's N is a part of the two
    /// groups; across medications, the patients of each group are at most the window's admissions with those
    /// support labels (slack cells).
    static func register(_ analysis: QuarterlyAnalysis, into problem: inout SuppressionProblem<Key>) {
        let comparison = analysis.supportComparison
        guard !comparison.medications.isEmpty else { return }
        func admissions(_ quarter: CalendarQuarter, _ group: QuarterlyGroup) -> Key {
            Key(quarter: quarter, measure: QuarterlyMeasure.admissions.id, group: group, part: .numerator)
        }
        var sides: [Bool: [Key]] = [false: [], true: []]
        for entry in comparison.medications {
            let medication = entry.medication
            let window = analysis.quarters.map { admissions($0, .medication(medication)) }
            guard window.allSatisfy(problem.contains) else { continue }
            let total = key(analysis, "window admissions", medication)
            problem.addHiddenCell(total, count: entry.admissions)
            problem.addGroup(window + [total])
            let alone = key(analysis, "patients alone", medication), with = key(analysis, "patients with support", medication)
            problem.addCell(alone, count: entry.alone.patients)
            problem.addCell(with, count: entry.withSupport.patients)
            let rest = key(analysis, "admissions left out", medication)
            problem.addHiddenCell(rest, count: entry.withoutRecord)
            problem.addGroup([alone, with, rest, total])
            problem.addPart(
                key(analysis, "dropouts alone", medication), count: entry.alone.dropouts, of: alone,
                rest: key(analysis, "stayed alone", medication))
            problem.addPart(
                key(analysis, "dropouts with support", medication), count: entry.withSupport.dropouts, of: with,
                rest: key(analysis, "stayed with support", medication))
            let both = key(analysis, "patients both groups", medication)
            problem.addHiddenCell(both, count: entry.alone.patients + entry.withSupport.patients)
            problem.addGroup([alone, with, both])
            problem.addPart(
                key(analysis, "patients in the adjusted model", medication), count: entry.adjusted.subjectCount, of: both,
                rest: key(analysis, "left out of the adjusted model", medication))
            sides[false]!.append(alone)
            sides[true]!.append(with)
        }
        // Across medications: each group's patients are at most the window's admissions with its support labels.
        let aloneLabels = Set(analysis.plan.contrasts.medicationAloneSupports.map { $0.lowercased() })
        for withSupport in [false, true] {
            let members = sides[withSupport]!
            guard !members.isEmpty else { continue }
            let labels = analysis.groups.filter { group in
                guard case .psychosocial(let label?) = group else { return false }
                return aloneLabels.contains(label.lowercased()) != withSupport
            }
            let cells = analysis.quarters.flatMap { quarter in labels.map { admissions(quarter, $0) } }
            guard cells.allSatisfy(problem.contains) else { continue }
            let side = withSupport ? "with support" : "alone"
            let bound = Key(quarter: analysis.quarter, measure: "support comparison: admissions \(side)", group: .all, part: .numerator)
            let count = cells.reduce(0) { $0 + problem.count(of: $1)! }
            let used = members.reduce(0) { $0 + problem.count(of: $1)! }
            guard used <= count else { continue }
            problem.addSlackCell(bound, count: count)
            problem.addGroup(cells + [bound])
            let slack = Key(quarter: analysis.quarter, measure: "support comparison: admissions \(side) not compared", group: .all, part: .numerator)
            problem.addSlackCell(slack, count: count - used)
            problem.addGroup(members + [slack, bound])
        }
    }

    static func make(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure) -> Report.Section? {
        let comparison = analysis.supportComparison
        let policy = disclosure.policy
        let alone = MethodsSection.list(analysis.plan.contrasts.medicationAloneSupports)
        var blocks: [Report.Block] = [.paragraph(
            "Patients admitted from \(analysis.quarters.first!) to \(analysis.quarter), by medication: medication alone "
                + "(psychosocial support recorded as \(alone)) against medication with any other psychosocial support. "
                + "Time to dropout runs from the first day of the patient's first treatment episode; an episode ending "
                + "for another reason, or still open on \(analysis.asOf), is censored. These are observational "
                + "comparisons: patients chose or were given their support, and the adjusted hazard ratio removes only "
                + "the differences in the covariates it names, not others (severity, motivation, housing).")]
        guard !comparison.medications.isEmpty else {
            blocks.append(.paragraph("No medication has admissions in the window both with and without psychosocial support."))
            return Report.Section(heading: heading, blocks: blocks)
        }
        blocks.append(.table(table(analysis, disclosure: disclosure)))
        blocks.append(.table(QuarterlySupportWeighting.table(analysis, disclosure: disclosure)))
        blocks.append(.table(QuarterlySupportWeighting.doseResponseTable(analysis, disclosure: disclosure)))
        for entry in comparison.medications {
            let groups = [("Medication alone", entry.alone, "alone"), ("With psychosocial support", entry.withSupport, "with support")]
            let series = groups.compactMap { name, group, what -> ChartSeries? in
                groupShown(analysis, entry, group, what, disclosure: disclosure)
                    ? KaplanMeierSeries.step(name: name, curve: group.curve, policy: policy) : nil
            }
            guard !series.isEmpty else { continue }
            blocks.append(.chart(Chart(
                identifier: "quarterly-support-\(entry.medication.rawValue)",
                title: "\(entry.medication.rawValue.capitalized): retention, medication alone and with support",
                xLabel: "Days since treatment start", yLabel: "Proportion still in treatment", content: .xy(series),
                xRange: nil, yRange: 0...1,
                summary: "Kaplan–Meier curves of time to dropout for \(entry.medication.rawValue) patients admitted in the "
                    + "window, medication alone and with psychosocial support, with 95% bands; each drop drawn stands "
                    + "for at least \(policy.minimumCount) dropouts.")))
        }
        return Report.Section(heading: heading, blocks: blocks)
    }

    /// Whether a group's counts (patients, dropouts) are shown.
    static func groupShown(
        _ analysis: QuarterlyAnalysis, _ entry: QuarterlySupportComparison.Medication, _ group: QuarterlySupportComparison.Group,
        _ what: String, disclosure: QuarterlyDisclosure
    ) -> Bool {
        !disclosure.isWithheld(key(analysis, "patients \(what)", entry.medication))
            && !disclosure.isWithheld(key(analysis, "dropouts \(what)", entry.medication))
            && !disclosure.policy.isSmall(group.patients)
    }

    static func table(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure) -> Table {
        let comparison = analysis.supportComparison
        let day = comparison.retentionDay
        var rows: [[Cell]] = []
        for entry in comparison.medications {
            let groups = [("medication alone", entry.alone, "alone"), ("with support", entry.withSupport, "with support")]
            let shown = groups.map { groupShown(analysis, entry, $0.1, $0.2, disclosure: disclosure) }
            let everything = shown.allSatisfy { $0 }
            for (index, (name, group, what)) in groups.enumerated() {
                let count = { (what: String, value: Int) -> Cell in
                    disclosure.isWithheld(key(analysis, what, entry.medication)) ? .suppressed : .count(value)
                }
                var retained: Cell = .notApplicable
                if shown[index], let estimate = group.retained.estimate, let lower = group.retained.lower,
                   let upper = group.retained.upper {
                    retained = KaplanMeierDisclosure.shown(group.curve, at: [Double(day) - 0.5], policy: disclosure.policy)[0]
                        ? .text("\(NumberFormat.percentage(estimate, decimals: 1)) [\(NumberFormat.percentage(lower, decimals: 1)), "
                            + "\(NumberFormat.percentage(upper, decimals: 1))]")
                        : .suppressed
                } else if !shown[index] {
                    retained = .suppressed
                }
                let comparisonCells: [Cell] = index == 0
                    ? [.notApplicable, .notApplicable, .notApplicable, .notApplicable]
                    : everything
                        ? [entry.alone.dropouts + entry.withSupport.dropouts == 0 ? .text("not estimable") : .pValue(entry.logRank.test.pValue),
                           ratioCell(entry.unadjustedHazardRatio),
                           ratioCell(entry.adjustedHazardRatio),
                           count("patients in the adjusted model", entry.adjusted.subjectCount)]
                        : [.suppressed, .suppressed, .suppressed, .suppressed]
                rows.append([
                    .text(index == 0 ? entry.medication.rawValue : ""), .text(name),
                    count("patients \(what)", group.patients), count("dropouts \(what)", group.dropouts), retained,
                ] + comparisonCells)
            }
        }
        let adjustment = comparison.adjustment
        let warnings = comparison.medications.flatMap { entry in
            (entry.unadjusted.convergence.warnings + entry.adjusted.convergence.warnings).map { "\(entry.medication.rawValue): \($0)" }
        }
        return Table(
            title: "Medication alone and with psychosocial support, admissions \(analysis.quarters.first!) to \(analysis.quarter)",
            columns: [
                Table.Column("Medication"), Table.Column("Support"), Table.Column("Patients", alignment: .right),
                Table.Column("Dropouts", alignment: .right),
                Table.Column("Retained at \(day) days [95% CI]", alignment: .right),
                Table.Column("Log-rank p", alignment: .right),
                Table.Column("Hazard ratio of dropout [95% CI]", alignment: .right),
                Table.Column("Adjusted hazard ratio [95% CI]", alignment: .right),
                Table.Column("N in adjusted model", alignment: .right),
            ],
            rows: rows,
            footnotes: [
                "Retained at \(day) days: Kaplan–Meier, still in treatment on day \(day), log-scale 95% interval. Hazard "
                    + "ratio of dropout with support against medication alone, Cox model (Efron ties), below 1 = fewer "
                    + "dropouts with support; adjusted for "
                    + (adjustment.isEmpty ? "nothing the cohort records" : MethodsSection.list(adjustment))
                    + " (patients with a missing covariate left out). Admissions without a support label or without a "
                    + "treatment record are not compared. A comparison is shown only when both groups' counts are.",
            ] + warnings.map { "Model warning: \($0)" })
    }

    static func ratioCell(_ inference: CoefficientInference?) -> Cell {
        guard let inference, inference.ratio.isFinite, inference.ratioInterval.lower.isFinite, inference.ratioInterval.upper.isFinite
        else { return .text("not estimable") }
        return .text(NumberFormat.ratioAndInterval(inference))
    }
}
