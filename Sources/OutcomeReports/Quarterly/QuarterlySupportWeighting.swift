import TreatmentOutcomes

/// The quarterly report's balance analyses (docs/Balance.md) beside its support comparison, per medication: the
/// comparison weighted by inverse probability of treatment (hazard ratio, largest |SMD| after weighting, effective
/// sample sizes) and the hazard ratio of dropout per psychosocial session attended in the look-back window.
///
/// No count is printed. A weighted estimate needs both groups' patients and dropouts shown (as the comparison's own
/// tests) and each group at least the minimum of patients, dropouts and patients still in treatment, counted without
/// weights; it is replaced by "not balanced" when weighting leaves a term with |SMD| above
/// ``BalanceSection/balanceThreshold``. The session ratio needs at least the minimum of patients, dropouts and
/// patients without one in its model.
enum QuarterlySupportWeighting {
    static func table(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure) -> Table {
        let comparison = analysis.supportComparison
        let policy = disclosure.policy
        let window = analysis.plan.balance.lookBackDays
        let rows = comparison.medications.map { entry -> [Cell] in
            let name = Cell.text(entry.medication.rawValue)
            let countsShown = [(entry.alone, "alone"), (entry.withSupport, "with support")].allSatisfy { group, what in
                QuarterlySupportSection.groupShown(analysis, entry, group, what, disclosure: disclosure)
            }
            var cells: [Cell]
            switch entry.weighted {
            case .unavailable(let reason):
                cells = [.text("not weighted: \(reason)"), .notApplicable, .notApplicable]
            case .computed(let groups):
                let enough = [groups.exposedCrudeCurve, groups.unexposedCrudeCurve].allSatisfy { curve in
                    policy.allowsEstimate(patients: curve.subjectCount, events: curve.eventCount)
                }
                if !countsShown || !enough {
                    cells = [.suppressed, .suppressed, .suppressed]
                } else {
                    let after = groups.largestStandardisedDifference(weighted: true)
                    let balanced = (after ?? 0) <= BalanceSection.balanceThreshold
                    let size = groups.weights.effectiveSampleSize
                    cells = [
                        balanced ? QuarterlySupportSection.ratioCell(groups.weightedFit.coefficientInference()[0]) : .text("not balanced"),
                        after.map { .number($0, decimals: 2) } ?? .notApplicable,
                        .text("\(NumberFormat.fixed(size.exposed, decimals: 0)) / \(NumberFormat.fixed(size.unexposed, decimals: 0))"),
                    ]
                }
            }
            let engagement = entry.engagement
            let sessions: Cell
            if engagement.fit.value == nil {
                sessions = .text(engagement.fit.reason ?? "not fitted")
            } else if !policy.allowsEstimate(patients: engagement.patientCount, events: engagement.eventCount) {
                sessions = .suppressed
            } else {
                sessions = QuarterlySupportSection.ratioCell(engagement.hazardRatio(EngagementAnalysis.sessionsTerm))
            }
            return [name] + cells + [sessions]
        }
        var covariates: [String] = []
        for name in comparison.medications.flatMap(\.propensityCovariates) where !covariates.contains(name) {
            covariates.append(name)
        }
        let warnings = comparison.medications.flatMap { entry in
            ((entry.weighted.value?.weightedFit.convergence.warnings ?? []) + (entry.engagement.fit.value?.convergence.warnings ?? []))
                .map { "\(entry.medication.rawValue): \($0)" }
        }
        return Table(
            title: "Weighted comparison and engagement, admissions \(analysis.quarters.first!) to \(analysis.quarter)",
            columns: [
                Table.Column("Medication"), Table.Column("Hazard ratio of dropout, weighted [95% CI]", alignment: .right),
                Table.Column("Largest |SMD| after weighting", alignment: .right),
                Table.Column("Effective sample size: with support / alone", alignment: .right),
                Table.Column("Hazard ratio of dropout per session in the last \(window) days [95% CI]", alignment: .right),
            ],
            rows: rows,
            footnotes: [
                "Weighted: the same groups made alike by stabilised inverse probability of treatment weights (propensity "
                    + "model on " + (covariates.isEmpty ? "no covariate" : MethodsSection.list(covariates))
                    + "; patients with a missing covariate left out), Cox model with robust interval; \"not balanced\" when "
                    + "a term still has |SMD| above \(NumberFormat.exact(BalanceSection.balanceThreshold)). Per session: "
                    + "Cox model of dropout on each day of the first treatment episode, with the psychosocial sessions "
                    + "attended and the share of days covered by medication in the \(window) days before it (records up "
                    + "to \(analysis.asOf) only), robust interval by patient. Observational: see the report's methods "
                    + "(docs/Balance.md). Withheld when a group, or the session model, has fewer than "
                    + "\(policy.minimumCount) patients, dropouts or patients without one.",
            ] + warnings.map { "Model warning: \($0)" })
    }

    /// Dropout by band of sessions per medication: hazard ratios only (no count), each needing at least the minimum
    /// of dropouts and of patients in its band and in the 0 band, and a shown session model.
    static func doseResponseTable(_ analysis: QuarterlyAnalysis, disclosure: QuarterlyDisclosure) -> Table {
        let policy = disclosure.policy
        let window = analysis.plan.balance.lookBackDays
        var rows: [[Cell]] = []
        for entry in analysis.supportComparison.medications {
            let (hazards, bands) = entry.doseResponse
            let name = Cell.text(entry.medication.rawValue)
            guard hazards.fit.value != nil else {
                rows.append([name, .text(hazards.fit.reason ?? "not fitted"), .notApplicable])
                continue
            }
            func enough(_ band: SessionBandExposure) -> Bool {
                band.events >= policy.minimumCount && band.patients >= policy.minimumCount
            }
            let modelShown = policy.allowsEstimate(patients: hazards.patientCount, events: hazards.eventCount)
            for band in bands {
                let ratio: Cell
                if band.patients == 0 {
                    ratio = .notApplicable
                } else if !modelShown || !enough(band) || !enough(bands[0]) {
                    ratio = .suppressed
                } else if band.band == bands[0].band {
                    ratio = .text("1 (reference)")
                } else {
                    ratio = QuarterlySupportSection.ratioCell(hazards.hazardRatio(EngagementAnalysis.bandTerm(band.band)))
                }
                rows.append([name, .text(band.band.label), ratio])
            }
        }
        return Table(
            title: "Dropout by sessions attended in the last \(window) days, admissions \(analysis.quarters.first!) to \(analysis.quarter)",
            columns: [Table.Column("Medication"), Table.Column("Sessions"),
                      Table.Column("Hazard ratio against 0 sessions [95% CI]", alignment: .right)],
            rows: rows,
            footnotes: [
                "Each day of the first treatment episode in the band of the psychosocial sessions attended in the "
                    + "\(window) days before it; one Cox model per medication with the bands and the share of the window "
                    + "covered by medication, robust interval by patient. — where no day falls in the band; withheld "
                    + "when the band or the 0 band has fewer than \(policy.minimumCount) patients or dropouts.",
            ])
    }
}
