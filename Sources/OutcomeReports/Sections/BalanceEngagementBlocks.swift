import TreatmentOutcomes

/// The engagement part of ``BalanceSection``: hazard ratios of dropout and relapse per session attended and for a
/// covered look-back window, per medication; whether the session ratio differs by medication; and the dose–response
/// by session band (table and chart).
enum BalanceEngagementBlocks {
    typealias Keys = BalanceSection.Keys

    static func make(_ results: BalanceResults, counts: ReportCounts) -> [Report.Block] {
        guard let engagement = results.engagement.value else {
            return [.paragraph("Engagement was not analysed: \(results.engagement.reason ?? "").")]
        }
        let relapse = results.relapse.value?.byMedication ?? []
        let fits = engagement.byMedication.map(\.hazards) + relapse.map(\.hazards)
        let reasons = Set(fits.compactMap(\.fit.reason))
        if fits.allSatisfy({ $0.fit.value == nil }), reasons.count == 1, let reason = reasons.first {
            return [.paragraph("Engagement and dropout: \(reason).")]
        }
        let window = engagement.intervals.lookBackDays
        var blocks: [Report.Block] = []
        if let summary = summary(engagement, relapse: relapse, window: window, counts: counts) {
            blocks.append(.paragraph(summary))
        }
        blocks.append(.table(hazardTable(engagement, relapse: relapse, window: window, counts: counts)))
        if let sentence = interactionSentence(engagement, counts: counts) { blocks.append(.paragraph(sentence)) }
        blocks.append(.table(doseResponseTable(engagement, relapse: results.relapse.value?.models, window: window, counts: counts)))
        let panels = engagement.doseResponse.compactMap { panel($0, counts: counts) }
        if !panels.isEmpty { blocks.append(.chart(chart(panels, window: window))) }
        let modelled = engagement.byMedication.map { ($0.hazards, "dropout") } + relapse.map { ($0.hazards, "relapse") }
            + engagement.doseResponse.map { ($0.hazards, "dropout by band") } + [(engagement.interaction, "dropout")]
        let warnings = modelled.filter { shown($0.0, counts: counts) }.flatMap { hazards, outcome in
            (hazards.fit.value?.convergence.warnings ?? []).map { warning in
                "\(hazards.label), model of \(outcome): \(warning.index.map { warning.naming(hazards.terms[$0]) } ?? warning)"
            }
        }
        if !warnings.isEmpty { blocks.append(.bulletList(warnings.map { "Model warning: \($0)" })) }
        return blocks
    }

    /// One plain sentence per medication whose dropout model is shown: the change in the hazard per session.
    static func summary(
        _ engagement: EngagementAnalysis, relapse: [(medication: Medication, hazards: EngagementHazards)], window: Int,
        counts: ReportCounts
    ) -> String? {
        let parts = engagement.byMedication.compactMap { medication, hazards -> String? in
            guard shown(hazards, counts: counts), let ratio = hazards.hazardRatio(EngagementAnalysis.sessionsTerm) else {
                return nil
            }
            let change = ratio.ratio < 1 ? "\(NumberFormat.fixed(100 * (1 - ratio.ratio), decimals: 0))% lower"
                : "\(NumberFormat.fixed(100 * (ratio.ratio - 1), decimals: 0))% higher"
            let clear = ratio.ratioInterval.upper < 1 || ratio.ratioInterval.lower > 1 ? "" : ", an interval that includes 1"
            return "\(medication.rawValue) \(change) (\(NumberFormat.ratioAndInterval(ratio))\(clear))"
        }
        guard !parts.isEmpty else { return nil }
        return "Each psychosocial session attended in the last \(window) days went with a hazard of dropout the next day "
            + "that was, on " + parts.joined(separator: "; on ") + ", with the days covered by medication held equal."
    }

    /// Whether a model's ratios may be shown: it was fitted, with at least the minimum of patients, of events and of
    /// patients without one (a ratio's interval lets a reader estimate the events behind it).
    static func shown(_ hazards: EngagementHazards, counts: ReportCounts) -> Bool {
        hazards.fit.value != nil
            && counts.policy.allowsEstimate(patients: hazards.patientCount, events: hazards.eventCount)
    }

    static func ratioCell(_ hazards: EngagementHazards?, term: String, counts: ReportCounts) -> Cell {
        guard let hazards else { return .notApplicable }
        guard hazards.fit.value != nil else { return .text(hazards.fit.reason ?? "not fitted") }
        guard shown(hazards, counts: counts) else { return .suppressed }
        return hazards.hazardRatio(term).map { .text(NumberFormat.ratioAndInterval($0)) } ?? .notApplicable
    }

    static func hazardTable(
        _ engagement: EngagementAnalysis, relapse: [(medication: Medication, hazards: EngagementHazards)], window: Int,
        counts: ReportCounts
    ) -> Table {
        let sessions = EngagementAnalysis.sessionsTerm, covered = EngagementAnalysis.coverageTerm
        let rows = engagement.byMedication.map { medication, hazards -> [Cell] in
            let relapseHazards = relapse.first { $0.medication == medication }?.hazards
            return [.text(medication.rawValue.capitalized),
                    ratioCell(hazards, term: sessions, counts: counts), ratioCell(hazards, term: covered, counts: counts),
                    ratioCell(relapseHazards, term: sessions, counts: counts),
                    ratioCell(relapseHazards, term: covered, counts: counts)]
        }
        return Table(
            title: "Engagement in the last \(window) days against dropout and relapse",
            columns: [Table.Column("Medication"),
                      Table.Column("Dropout: hazard ratio per session [95% CI]", alignment: .right),
                      Table.Column("Dropout: hazard ratio, window fully covered [95% CI]", alignment: .right),
                      Table.Column("Relapse: hazard ratio per session [95% CI]", alignment: .right),
                      Table.Column("Relapse: hazard ratio, window fully covered [95% CI]", alignment: .right)],
            rows: rows,
            footnotes: [
                "Cox models on each day in treatment with two exposures known before it: psychosocial sessions attended "
                    + "and the share of days covered by medication in the last \(window) days (a fully covered window "
                    + "against none); robust intervals with the patient as cluster. Relapse: from the weekly urine-screen "
                    + "words, among patients with a word. Withheld for a model with fewer than "
                    + "\(counts.policy.minimumCount) patients, events or patients without an event.",
                adjustmentNote(engagement),
            ])
    }

    /// Which baseline covariates the engagement models adjust for (``BalanceResults/engagementCovariates(patients:plan:)``).
    static func adjustmentNote(_ engagement: EngagementAnalysis) -> String {
        let names = engagement.adjustmentCovariates
        guard !names.isEmpty else {
            return "Not adjusted for baseline covariates: where the support a patient gets depends on characteristics "
                + "that also drive dropout, the session ratio carries that confounding (balance.engagementCovariates; "
                + "docs/Balance.md and the synthetic coverage study in docs/SyntheticCohort.md)."
        }
        return "Adjusted for \(MethodsSection.list(names)) (baseline covariates that can drive both the support a patient "
            + "gets and dropout); patients missing one of them are left out of these models."
    }

    /// Whether the hazard ratio per session differs by medication: the interaction terms, when every medication's
    /// model is shown.
    static func interactionSentence(_ engagement: EngagementAnalysis, counts: ReportCounts) -> String? {
        let interaction = engagement.interaction
        let medications = engagement.byMedication.map(\.medication)
        guard medications.count > 1, shown(interaction, counts: counts),
              engagement.byMedication.allSatisfy({ shown($0.hazards, counts: counts) }) else { return nil }
        let terms = medications.dropFirst().compactMap { medication -> String? in
            interaction.hazardRatio(EngagementAnalysis.interactionTerm(medication)).map {
                "\(medication.rawValue) \(NumberFormat.ratioAndInterval($0)), p = \(NumberFormat.pValue($0.pValue))"
            }
        }
        guard !terms.isEmpty else { return nil }
        return "Does the hazard ratio of dropout per session differ by medication? Ratio of the per-session hazard ratio "
            + "to that with \(medications[0].rawValue) (medication × sessions, one model of every medication): "
            + terms.joined(separator: "; ") + "."
    }

    /// Person-time is shown for a band with at least the minimum of patients; its rate and ratio also need its
    /// dropouts (and, for the ratio, those of the 0 band) shown and not small. The relapse ratio of the band beside it.
    static func doseResponseTable(
        _ engagement: EngagementAnalysis, relapse: EngagementAnalysis?, window: Int, counts: ReportCounts
    ) -> Table {
        let policy = counts.policy
        var rows: [[Cell]] = []
        for entry in engagement.doseResponse {
            let name = Cell.text(entry.medication.rawValue.capitalized)
            guard entry.hazards.fit.value != nil else {
                rows.append([name, .text(entry.hazards.fit.reason ?? "not fitted"), .notApplicable, .notApplicable,
                             .notApplicable, .notApplicable, .notApplicable])
                continue
            }
            let relapseEntry = relapse?.doseResponse.first { $0.medication == entry.medication }
            for exposure in entry.bands {
                let dropouts = counts.countCell(Keys.bandDropouts(entry.medication, exposure.band))
                let relapseRatio: Cell = relapseEntry.flatMap { relapseEntry in
                    relapseEntry.bands.first { $0.band == exposure.band }.map { band in
                        guard relapseEntry.hazards.fit.value != nil, band.patients > 0 else { return Cell.notApplicable }
                        return ratio(relapseEntry, band, counts: counts, printsEvents: false)
                    }
                } ?? .notApplicable
                guard exposure.patients > 0 else {
                    rows.append([name, .text(exposure.band.label), .number(0, decimals: 1), dropouts, .notApplicable,
                                 .notApplicable, relapseRatio])
                    continue
                }
                let timeShown = !policy.isSmall(exposure.patients)
                let months = Double(exposure.personDays) / daysPerMonth
                let rateShown = timeShown && dropouts != .suppressed && exposure.personDays > 0
                rows.append([
                    name, .text(exposure.band.label),
                    timeShown ? .number(months, decimals: 1) : .suppressed, dropouts,
                    rateShown ? .number(100 * Double(exposure.events) / months, decimals: 1) : .suppressed,
                    ratio(entry, exposure, counts: counts), relapseRatio,
                ])
            }
        }
        return Table(
            title: "Dropout and relapse by sessions attended in the last \(window) days",
            columns: [Table.Column("Medication"), Table.Column("Sessions"),
                      Table.Column("Person-months", alignment: .right), Table.Column("Dropouts", alignment: .right),
                      Table.Column("Dropouts per 100 person-months", alignment: .right),
                      Table.Column("Dropout: hazard ratio against 0 sessions [95% CI]", alignment: .right),
                      Table.Column("Relapse: hazard ratio against 0 sessions [95% CI]", alignment: .right)],
            rows: rows,
            footnotes: [
                "Each day in treatment counted in the band of the sessions attended in the \(window) days before it "
                    + "(a month = 30.4375 days); hazard ratios from one Cox model per medication with the bands and the "
                    + "share of the window covered by medication, robust intervals. Person-time is withheld for a band "
                    + "of fewer than \(policy.minimumCount) patients, rates and ratios with it or with a withheld or "
                    + "small count of dropouts. Relapse: the same bands on the days of the weekly urine-screen words "
                    + "(relapses are not printed; a ratio needs at least \(policy.minimumCount) relapses and patients in "
                    + "its band and in the 0 band).",
            ])
    }

    static let daysPerMonth = 30.4375

    /// The hazard ratio of a band against the 0 band, when it may be shown.
    /// `printsEvents`: the band's events are printed (dropouts, in the ledger), so a withheld count withholds the
    /// ratio too; relapses by band are not printed.
    static func ratio(
        _ entry: (medication: Medication, hazards: EngagementHazards, bands: [SessionBandExposure]),
        _ exposure: SessionBandExposure, counts: ReportCounts, printsEvents: Bool = true
    ) -> Cell {
        let policy = counts.policy
        func usable(_ band: SessionBandExposure) -> Bool {
            !(printsEvents && counts.isWithheld(Keys.bandDropouts(entry.medication, band.band)))
                && band.events >= policy.minimumCount && band.patients >= policy.minimumCount
        }
        guard let reference = entry.bands.first, usable(reference), usable(exposure), shown(entry.hazards, counts: counts)
        else { return .suppressed }
        if exposure.band == reference.band { return .text("1 (reference)") }
        return entry.hazards.hazardRatio(EngagementAnalysis.bandTerm(exposure.band))
            .map { .text(NumberFormat.ratioAndInterval($0)) } ?? .notApplicable
    }

    /// One medication's hazard ratios by band, at the band's fewest sessions, where they may be shown.
    static func panel(
        _ entry: (medication: Medication, hazards: EngagementHazards, bands: [SessionBandExposure]), counts: ReportCounts
    ) -> ChartPanel? {
        var points: [ChartPoint] = [], band: [ChartBandPoint] = []
        for exposure in entry.bands {
            guard case .text = ratio(entry, exposure, counts: counts) else { continue }
            guard exposure.band != entry.bands[0].band else {
                points.append(ChartPoint(x: 0, y: 1))
                band.append(ChartBandPoint(x: 0, lower: 1, upper: 1))
                continue
            }
            guard let inference = entry.hazards.hazardRatio(EngagementAnalysis.bandTerm(exposure.band)) else { continue }
            let x = Double(exposure.band.lower)
            points.append(ChartPoint(x: x, y: inference.ratio))
            band.append(ChartBandPoint(x: x, lower: inference.ratioInterval.lower, upper: inference.ratioInterval.upper))
        }
        guard points.count > 1 else { return nil }
        return ChartPanel(
            title: entry.medication.rawValue.capitalized,
            series: [ChartSeries(name: "hazard ratio of dropout", style: .line, points: points, band: band)])
    }

    static func chart(_ panels: [ChartPanel], window: Int) -> Chart {
        let content: Chart.Content = panels.count == 1 ? .xy(panels[0].series) : .panels(panels)
        return Chart(
            identifier: "engagement-dose-response", title: "Dropout by sessions attended in the last \(window) days",
            xLabel: "Sessions in the last \(window) days (band's lowest)", yLabel: "Hazard ratio against 0 sessions",
            content: content,
            summary: "Hazard ratio of dropout by band of psychosocial sessions attended in the last \(window) days, "
                + "against none, with 95% bands, " + (panels.count == 1 ? "for \(panels[0].title.lowercased())" : "a panel per medication")
                + "; each point is drawn at the band's fewest sessions.")
    }
}
