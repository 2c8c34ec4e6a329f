import Foundation
import Testing
import TreatmentOutcomes
import _CohortTestSupport

@testable import OutcomeReports

/// The report's "Balancing medication and psychosocial support" section: it prints exactly the library's values
/// (``BalanceResults``), withholds what would rest on a small count, and on CTN-0094 says why it cannot compare and
/// gives the trial's randomised answer.
@Suite("Balance section")
struct BalanceSectionTests {
    /// A synthetic cohort of 1,000 patients (seed 3) and its retention and balance analysis (engagement models of the
    /// exposures only), shared by this suite.
    static let synthetic = Task { () throws -> CohortAnalysis in
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("balance-section-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 1_000, seed: 3).write(to: folder)
        // Engagement models of the exposures only: no patient is left out for a missing covariate, so a medication's
        // dropouts are exactly its arms' discontinuations (the default plan's adjustment is tested below).
        var plan = AnalysisPlan()
        plan.balance.engagementCovariates = []
        return await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: plan, parts: [.retention, .balance])
    }

    static func section(_ analysis: CohortAnalysis) throws -> (Report.Section, ReportCounts) {
        let counts = ReportCounts(analysis: analysis, policy: SmallCellPolicy(minimumCount: analysis.plan.disclosure.minimumCellSize))
        return (try #require(BalanceSection.make(analysis: analysis, counts: counts)), counts)
    }

    static func table(_ section: Report.Section, _ prefix: String) throws -> Table {
        try #require(section.blocks.compactMap { block -> Table? in
            if case .table(let table) = block, table.title.hasPrefix(prefix) { return table }
            return nil
        }.first)
    }

    static func text(_ cell: Cell) -> String? { if case .text(let value) = cell { value } else { nil } }

    @Test("synthetic cohort: the weighted comparison prints the library's hazard ratios, retention and group sizes")
    func supportComparisonIsTheLibrarys() async throws {
        let analysis = try await Self.synthetic.value
        let results = try #require(analysis.balance.value)
        let (section, _) = try Self.section(analysis)
        let table = try Self.table(section, "Medication with psychosocial support against medication alone")
        let retention = try #require(analysis.retention.value)
        var compared = 0
        for (row, entry) in zip(table.rows, results.supportComparisons) {
            #expect(Self.text(row[0]) == entry.medication.rawValue.capitalized)
            let comparison = try #require(entry.comparison.value)
            // Patients: the arms' N of the retention table (intention to treat), whatever is left out of the model.
            for (column, arms) in [(1, comparison.supportArms), (2, comparison.aloneArms)] {
                let expected = retention.byArm.filter { arms.contains($0.label) }.reduce(0) { $0 + $1.curve.subjectCount }
                #expect(row[column] == .count(expected))
                #expect(arms.count > 0)
            }
            guard let weighted = Self.text(row[row.count - 2]), weighted != "not balanced" else { continue }
            compared += 1
            #expect(weighted == NumberFormat.ratioAndInterval(try #require(comparison.hazardRatio)))
            #expect(Self.text(row[row.count - 1]) == NumberFormat.ratioAndInterval(try #require(comparison.unweightedHazardRatio)))
            for (index, day) in analysis.plan.retention.horizonDays.enumerated() {
                guard let cell = Self.text(row[3 + index]) else { continue }
                let values = cell.components(separatedBy: " vs ")
                let expected = [comparison.supportRetained[index], comparison.aloneRetained[index]].map { retained in
                    retained.estimate.map { NumberFormat.percentage($0, decimals: 1) } ?? "—"
                }
                #expect(zip(values, expected).allSatisfy { $0 == "—" || $0 == $1 }, "day \(day): \(cell) against \(expected)")
            }
            // Weighting balanced the groups (the condition for printing a weighted ratio).
            let after = comparison.groups.largestStandardisedDifference(weighted: true) ?? 0
            #expect(after <= BalanceSection.balanceThreshold)
        }
        #expect(compared >= 2, "at 1,000 patients at least two medications should be compared")
    }

    @Test("synthetic cohort: every ratio printed rests on at least the minimum of patients, events and non-events")
    func estimatesRestOnEnoughPatients() async throws {
        let analysis = try await Self.synthetic.value
        let results = try #require(analysis.balance.value)
        let (section, counts) = try Self.section(analysis)
        let minimum = counts.policy.minimumCount
        let table = try Self.table(section, "Medication with psychosocial support against medication alone")
        for (row, entry) in zip(table.rows, results.supportComparisons) {
            guard let comparison = entry.comparison.value, Self.text(row[row.count - 1]) != nil else { continue }
            for curve in [comparison.supportCrudeCurve, comparison.aloneCrudeCurve] {
                #expect(curve.subjectCount >= minimum && curve.eventCount >= minimum)
                #expect(curve.subjectCount - curve.eventCount >= minimum)
            }
        }
        let engagement = try #require(results.engagement.value)
        let hazards = try Self.table(section, "Engagement in the last")
        for (row, entry) in zip(hazards.rows, engagement.byMedication) where Self.text(row[1])?.contains("[") == true {
            #expect(entry.hazards.patientCount >= minimum && entry.hazards.eventCount >= minimum)
            #expect(Self.text(row[1]) == NumberFormat.ratioAndInterval(try #require(entry.hazards.hazardRatio(EngagementAnalysis.sessionsTerm))))
        }
        // Dose–response: person-time only for a band of at least the minimum of patients; a ratio only beside shown,
        // non-small dropouts of its band and of the 0 band.
        let bands = try Self.table(section, "Dropout and relapse by sessions attended")
        let exposures = engagement.doseResponse.flatMap { entry in entry.bands.map { (entry.medication, entry.hazards, $0) } }
        #expect(bands.rows.count == exposures.count)
        var relapseRatios = 0
        for (row, (medication, model, exposure)) in zip(bands.rows, exposures) {
            #expect(Self.text(row[1]) == exposure.band.label)
            if case .number(let months, _) = row[2], exposure.patients > 0 {
                #expect(exposure.patients >= minimum)
                #expect(abs(months - Double(exposure.personDays) / 30.4375) < 1e-9)
            }
            #expect(row[3] == (counts.isWithheld(BalanceSection.Keys.bandDropouts(medication, exposure.band))
                ? .suppressed : .count(exposure.events)))
            if let ratio = Self.text(row[5]), ratio != "1 (reference)" {
                #expect(exposure.events >= minimum && exposure.patients >= minimum)
                #expect(ratio == NumberFormat.ratioAndInterval(try #require(model.hazardRatio(EngagementAnalysis.bandTerm(exposure.band)))))
            }
            // Relapse by the same band: the relapse models' ratio, resting on enough relapses and patients.
            let relapse = try #require(results.relapse.value?.models.doseResponse.first { $0.medication == medication })
            let relapseBand = try #require(relapse.bands.first { $0.band == exposure.band })
            if let ratio = Self.text(row[6]), ratio != "1 (reference)" {
                #expect(relapseBand.events >= minimum && relapseBand.patients >= minimum)
                #expect(ratio == NumberFormat.ratioAndInterval(try #require(relapse.hazards.hazardRatio(EngagementAnalysis.bandTerm(exposure.band)))))
                relapseRatios += 1
            }
        }
        #expect(relapseRatios >= 2, "1,000 patients give relapse ratios for some bands")
    }

    /// The ledger ties a medication's dropouts by band to its arms' discontinuations: that must be a fact of the
    /// data, not a coincidence the ledger assumes (a cohort without trial follow-up: the same episodes).
    @Test("synthetic cohort: a medication's dropouts by band add up to its arms' discontinuations")
    func bandDropoutsAreTheArmsDiscontinuations() async throws {
        let analysis = try await Self.synthetic.value
        let engagement = try #require(analysis.balance.value?.engagement.value)
        let retention = try #require(analysis.retention.value)
        let medicationOfArm = Dictionary(analysis.baseline.treatments.map { ($0.arm, $0.medication) }, uniquingKeysWith: { a, _ in a })
        for entry in engagement.doseResponse {
            let discontinued = retention.byArm.filter { medicationOfArm[$0.label] == entry.medication }
                .reduce(0) { $0 + $1.curve.eventCount }
            #expect(entry.bands.reduce(0) { $0 + $1.events } == discontinued, "\(entry.medication)")
            #expect(entry.hazards.eventCount == discontinued)
        }
        let counts = ReportCounts(analysis: analysis, policy: SmallCellPolicy())
        for entry in engagement.doseResponse {
            #expect(counts.registeredCount(BalanceSection.Keys.dropouts(entry.medication)) == entry.hazards.eventCount)
        }
    }

    /// With adjustment covariates (the default's, or these), patients missing one are left out: the footnote says so, and the ledger
    /// holds the medication's dropouts as at most its arms' discontinuations instead of equal to them.
    @Test("the default plan adjusts engagement for the propensity covariates: named in the footnote; dropouts become a bound")
    func adjustedEngagement() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("balance-adjusted-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: 600, seed: 3).write(to: folder)
        // The default plan: the propensity covariates, prior_episodes among them (missing for about 4%).
        let analysis = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan(), parts: [.retention, .balance])
        let engagement = try #require(analysis.balance.value?.engagement.value)
        #expect(engagement.excludedForMissingCovariates > 0)
        let (section, counts) = try Self.section(analysis)
        let table = try Self.table(section, "Engagement in the last")
        #expect(engagement.adjustmentCovariates == ["age", "sex", "iv_use", "homeless", "prior_episodes"])
        #expect(table.footnotes.contains {
            $0.hasPrefix("Adjusted for age, sex, iv_use, homeless and prior_episodes (") && $0.hasSuffix("left out of these models.")
        })
        let retention = try #require(analysis.retention.value)
        let medicationOfArm = Dictionary(analysis.baseline.treatments.map { ($0.arm, $0.medication) }, uniquingKeysWith: { a, _ in a })
        for entry in engagement.doseResponse where entry.hazards.fit.value != nil {
            let discontinued = retention.byArm.filter { medicationOfArm[$0.label] == entry.medication }
                .reduce(0) { $0 + $1.curve.eventCount }
            #expect(entry.hazards.eventCount < discontinued)
            #expect(counts.registeredCount(.named("balance \(entry.medication.rawValue) discontinuations not modelled"))
                == discontinued - entry.hazards.eventCount)
        }
        var none = AnalysisPlan()
        none.balance.engagementCovariates = []
        let unadjusted = await CohortAnalysis(
            cohort: try CohortLoader.load(from: folder), plan: none, parts: [.retention, .balance])
        let plain = try Self.table(try Self.section(unadjusted).0, "Engagement in the last")
        #expect(plain.footnotes.contains { $0.hasPrefix("Not adjusted for baseline covariates") })
    }

    @Test("synthetic cohort: the weighted curves drawn are the library's curves at the points the unweighted ones allow")
    func weightedCurvesChart() async throws {
        let analysis = try await Self.synthetic.value
        let results = try #require(analysis.balance.value)
        let (section, counts) = try Self.section(analysis)
        let chart = try #require(section.blocks.compactMap { block -> Chart? in
            if case .chart(let chart) = block, chart.identifier == "support-weighted-retention" { return chart }
            return nil
        }.first)
        guard case .panels(let panels) = chart.content else { Issue.record("expected a panel per medication"); return }
        for panel in panels {
            let comparison = try #require(results.supportComparisons.first { $0.medication.rawValue.capitalized == panel.title }?.comparison.value)
            for series in panel.series {
                let group: BalanceSection.Group = series.name == "medication alone" ? .alone : .support
                let curve = group.curve(comparison), crude = group.crudeCurve(comparison)
                let allowed = Set(KaplanMeierDisclosure.drawnIndices(crude, policy: counts.policy).map { crude.times[$0] })
                #expect(series.points.first == ChartPoint(x: 0, y: 1))
                for point in series.points.dropFirst() {
                    #expect(allowed.contains(point.x))
                    let index = try #require(curve.times.firstIndex(of: point.x))
                    #expect(point.y == curve.survival[index])
                }
            }
        }
    }

    @Test("CTN-0094: buprenorphine's pooled comparison is 'not balanced', engagement is not measurable, CTN-0030 answers")
    func bundled() async throws {
        let analysis = try await BundledCohort.analysis()
        let results = try #require(analysis.balance.value)
        let (section, counts) = try Self.section(analysis)
        let table = try Self.table(section, "Medication with psychosocial support against medication alone")
        let buprenorphine = try #require(table.rows.first { Self.text($0[0]) == "Buprenorphine" })
        let comparison = try #require(results.supportComparisons.first { $0.medication == .buprenorphine }?.comparison.value)
        #expect(!BalanceSupportBlocks.isBalanced(comparison))
        #expect(Self.text(buprenorphine[buprenorphine.count - 2]) == "not balanced")
        let methadone = try #require(table.rows.first { Self.text($0[0]) == "Methadone" })
        #expect(Self.text(methadone[1]) == "not compared: no methadone arm with psychosocial support")
        let paragraphs = section.blocks.compactMap { block -> String? in if case .paragraph(let text) = block { text } else { nil } }
        #expect(paragraphs.contains { $0.hasPrefix("Engagement and dropout: not measurable") && $0.contains("visits.csv records study") })
        // The trial's answer: CTN-0030's randomised retention comparison, its hazard ratio as the retention table prints it.
        let retention = try #require(analysis.retention.value)
        let contrast = try #require(retention.comparisons.first { $0.result.comparison == "Outpatient BUP + EMM" }?.result)
        #expect(counts.areShown([RetentionSection.Keys.patients("Outpatient BUP + EMM"), RetentionSection.Keys.discontinued("Outpatient BUP + SMM")]))
        let answer = try #require(paragraphs.first { $0.hasPrefix("The trials' answer, by randomisation:") })
        #expect(answer.contains("CTN-0030"))
        #expect(answer.contains(NumberFormat.ratioAndInterval(try #require(contrast.hazardRatio))))
        #expect(answer.contains("Weiss et al., Arch Gen Psychiatry 2011"))
        #expect(!answer.contains("CTN-0027") && !answer.contains("X:BOT"), "only contrasts of support within one medication")
    }

    @Test("the section is left out when the analysis did not compute the balance part")
    func leftOutWithoutThePart() async throws {
        let analysis = await CohortAnalysis(cohort: TestCohorts.twoArms, plan: AnalysisPlan(), parts: [.retention])
        let counts = ReportCounts(analysis: analysis, policy: SmallCellPolicy())
        #expect(BalanceSection.make(analysis: analysis, counts: counts) == nil)
    }
}
