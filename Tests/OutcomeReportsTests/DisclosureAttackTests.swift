import Foundation
import Testing
import TreatmentOutcomes
import _CohortTestSupport
import _OutcomeTestSupport

@testable import OutcomeReports

/// A hostile reader with every table of the report. For seeded synthetic cohorts of 60–300 patients, the reader
/// writes down what the printed tables say about the counts — rows and columns add up to their totals, an arm's
/// patients with a record, a word, a dosing window or a follow-up value are at most its N, a printed percentage
/// pins its count to its rounding interval, a model's N is at most the sum of its two arms and at least that sum
/// minus their missing adjustment covariates, the deciles and risk groups add up to the model — and then, for every
/// withheld count, works out every value it can take (exact integer search over all those constraints at once,
/// a withheld count being at least 1 because zeros are printed). The report holds when no withheld count is pinned
/// and every one can take values at least 2 apart (three or more values). The reader's model is written from the
/// printed tables alone: it does not use the report's ledger. The ledger's audit only proposes candidates: its other
/// solutions for a withheld count, translated to the reader's names, which the reader accepts only when they satisfy
/// every one of its own constraints (its other unknowns kept at the truth or searched where a constraint breaks). A
/// candidate it accepts proves the count wide; one it rejects shows a relation the audit does not know, and the
/// reader's own exact search decides. (The reader's search alone often cannot finish on these problems.)
@Suite("Disclosure: an attacker with every table")
struct DisclosureAttackTests {
    /// Nine cohorts of 60–300 patients (`DISCLOSURE_ATTACK_ALL=1`, several minutes; `make test-disclosure`); the
    /// default test run attacks the first, which covers the same tables, to keep the suite fast. `ATTACK_ONE=k`
    /// attacks the k-th alone.
    static let allCohorts: [(patients: Int, seed: UInt64)] = (1...9).map { (60 + 30 * ($0 - 1), UInt64($0)) }
    static let cohorts: [(patients: Int, seed: UInt64)] = {
        let environment = ProcessInfo.processInfo.environment
        if let one = environment["ATTACK_ONE"].flatMap(Int.init), allCohorts.indices.contains(one - 1) { return [allCohorts[one - 1]] }
        return environment["DISCLOSURE_ATTACK_ALL"] == "1" ? allCohorts : Array(allCohorts.prefix(1))
    }()

    @Test("no withheld count of a synthetic report is pinned or narrowed to fewer than three values", arguments: cohorts)
    func attack(patients: Int, seed: UInt64) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attack-\(patients)-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = try SyntheticCohortGenerator(patientCount: patients, seed: seed).write(to: folder)
        let analysis = await CohortAnalysis(cohort: try CohortLoader.load(from: folder), plan: AnalysisPlan())
        Self.attack(analysis, what: "\(patients) patients, seed \(seed)")
    }

    /// The bundled CTN-0094 cohort: its trials have patients who never started (X:BOT's induction failures), which the
    /// synthetic cohorts do not, so only here are the "Started" columns and the relapse-among-starters table attacked.
    /// About 25 s with the shared analysis, so it runs by default.
    @Test("no withheld count of the CTN-0094 report is pinned or narrowed to fewer than three values")
    func attackBundled() async throws {
        Self.attack(try await BundledCohort.analysis(), what: "CTN-0094")
    }

    static func attack(_ analysis: CohortAnalysis, what: String) {
        let options = CohortReportOptions(sourceDescription: "synthetic")
        let published = CohortReport.make(from: analysis, options: options)
        let truth = CohortReport.make(from: analysis, options: options, revealingEveryCount: true)
        var reader = HostileReader(published: published, truth: truth)
        reader.readEveryTable()
        // Where the reader's own search cannot settle a count, the audit's other solutions (translated to the
        // reader's names) are candidates it checks against everything it knows: a candidate that satisfies the
        // reader's constraints proves the count wide; one that breaks them names a relation the audit missed.
        let ledger = ReportCounts(analysis: analysis, policy: SmallCellPolicy(minimumCount: analysis.plan.disclosure.minimumCellSize))
        let readerNames = HostileReader.keyNames(analysis)
        let ledgerKeys = Dictionary(readerNames.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        reader.ledgerAlternatives = { name in
            guard let key = ledgerKeys[name] else { return [] }
            return ledger.problem.alternatives(for: key, suppression: ledger.suppression).map { solution in
                Dictionary(solution.compactMap { key, value in readerNames[key].map { ($0, value) } },
                           uniquingKeysWith: { first, _ in first })
            }
        }
        let clock = ContinuousClock(), started = clock.now
        let findings = reader.attack()
        if ProcessInfo.processInfo.environment["ATTACK_TRACE"] != nil {
            print("TRACE attack \(clock.now - started), \(reader.withheldCount) withheld, \(reader.constraints.count) constraints")
        }
        #expect(reader.withheldCount > 0, "the cohort should need some withholding")
        #expect(!MarkdownRenderer.render(published).contains("could still be narrowed"), "the audit left counts unprotected")
        #expect(findings.isEmpty, "\(what): \(findings.prefix(10).joined(separator: "; "))")
    }
}

/// What a reader learns from a report, as integer constraints over the withheld counts.
struct HostileReader {
    let published: Report
    let truth: Report
    /// Printed counts by name, and the withheld ones with their true values.
    var known: [String: Int] = [:]
    var withheld: [String: Int] = [:]
    /// Constraints as (terms by name, lower, upper); names neither known nor withheld are counts never printed.
    var constraints: [([(String, Double)], Double, Double)] = []
    var findings: [String] = []
    let minimum = 11
    /// The audit's other solutions for a withheld count, in the reader's names (set by the test; none by default).
    var ledgerAlternatives: (String) -> [[String: Int]] = { _ in [] }

    init(published: Report, truth: Report) {
        self.published = published
        self.truth = truth
    }

    var withheldCount: Int { withheld.count }

    // MARK: Reading

    /// The count printed in a cell (`n` or `n (p%)`), `nil` for anything else.
    static func count(_ cell: Cell) -> Int? {
        switch cell {
        case .count(let n): n
        case .countAndPercentage(let n, _, _): n
        default: nil
        }
    }

    /// The percentage printed in a cell (`p%`, `n (p%)`, or text starting with `p%`), as a proportion.
    static func percentage(_ cell: Cell) -> Double? {
        switch cell {
        case .percentage(let p, _): return (p * 1000).rounded() / 1000
        case .countAndPercentage(_, let p?, _): return (p * 1000).rounded() / 1000
        case .text(let text):
            guard let end = text.firstIndex(of: "%"), let value = Double(text[..<end]) else { return nil }
            return value / 100
        default: return nil
        }
    }

    /// Records the count of `name` from the published cell and its truth.
    mutating func observe(_ name: String, _ cell: Cell, truth: Cell) {
        if cell == .suppressed {
            guard let value = Self.count(truth) else {
                findings.append("\(name): withheld, but its true value is not a count (\(truth))")
                return
            }
            if known[name] == nil { withheld[name] = value }
        } else if let value = Self.count(cell) {
            if (1..<minimum).contains(value) { findings.append("\(name): prints \(value)") }
            if let other = known[name], other != value { findings.append("\(name): printed as \(other) and \(value)") }
            known[name] = value
            withheld[name] = nil
        }
    }

    mutating func sum(_ parts: [String], equals total: String) {
        constraints.append((parts.map { ($0, 1) } + [(total, -1)], 0, 0))
    }

    mutating func atMost(_ part: String, _ total: String) {
        constraints.append(([(part, 1), (total, -1)], -.infinity, 0))
    }

    /// `count / denominator` printed as `proportion` with one decimal of a percentage.
    mutating func ratio(_ count: String, of denominator: String, is proportion: Double) {
        constraints.append(([(count, 1), (denominator, -(proportion - 0.0005))], 0, .infinity))
        constraints.append(([(count, 1), (denominator, -(proportion + 0.0005))], -.infinity, 0))
    }

    func tables(_ report: Report, titled prefix: String) -> [Table] {
        report.tables.filter { $0.title.hasPrefix(prefix) }
    }

    /// Each published table with the truth's table of the same title (titles are unique in a report).
    func pairs(titled prefix: String) -> [(Table, Table)] {
        tables(published, titled: prefix).compactMap { table in
            tables(truth, titled: table.title).first.map { (table, $0) }
        }
    }

    var paragraphs: [String] {
        published.sections.flatMap(\.blocks).compactMap { if case .paragraph(let text) = $0 { text } else { nil } }
    }

    func column(_ table: Table, _ name: String) -> Int? { table.columns.firstIndex { $0.name == name } }

    func text(_ cell: Cell) -> String { if case .text(let text) = cell { text } else { "" } }

    /// Reads every table, except the readers named in `ATTACK_SKIP` (comma-separated: patientsByGroup, baseline,
    /// retention, urineScreens, adherence, craving, relapseRisk, balance), to find which tables a narrowing comes from.
    mutating func readEveryTable() {
        let skip = Set((ProcessInfo.processInfo.environment["ATTACK_SKIP"] ?? "").split(separator: ",").map(String.init))
        if !skip.contains("patientsByGroup") { readPatientsByGroup() }
        if !skip.contains("baseline") { readBaseline() }
        if !skip.contains("retention") { readRetention() }
        if !skip.contains("urineScreens") { readUrineScreens() }
        if !skip.contains("adherence") { readAdherence() }
        if !skip.contains("craving") { readCraving() }
        if !skip.contains("relapseRisk") { readRelapseRisk() }
        if !skip.contains("balance") { readBalance() }
    }

    var arms: [String] {
        guard let table = tables(published, titled: "Patients by arm and").first else { return [] }
        return table.columns.dropFirst().dropLast().map(\.name)
    }

    mutating func readPatientsByGroup() {
        for (table, truth) in pairs(titled: "Patients by arm and") {
            let arms = table.columns.dropFirst().dropLast().map(\.name)
            var levels: [String] = []
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let level = text(row[0])
                let rowName = level == "Total" ? nil : "group \(level)"
                if let rowName { levels.append(rowName) }
                for (index, arm) in arms.enumerated() {
                    observe(rowName.map { "\($0) × \(arm)" } ?? "N \(arm)", row[index + 1], truth: truthRow[index + 1])
                }
                observe(rowName ?? "N", row[arms.count + 1], truth: truthRow[arms.count + 1])
            }
            for level in levels { sum(arms.map { "\(level) × \($0)" }, equals: level) }
            for arm in arms { sum(levels.map { "\($0) × \(arm)" }, equals: "N \(arm)") }
            sum(levels, equals: "N")
            sum(arms.map { "N \($0)" }, equals: "N")
        }
    }

    mutating func readBaseline() {
        guard let (table, truth) = pairs(titled: "Baseline characteristics").first else { return }
        let arms = table.columns.dropFirst(2).dropLast().map(\.name)
        var levelsOf: [String: [String]] = [:], numeric: Set<String> = []
        for (row, truthRow) in zip(table.rows, truth.rows) {
            let characteristic = text(row[0]), level = text(row[1])
            if characteristic == "Patients" {
                for (index, arm) in arms.enumerated() { observe("N \(arm)", row[index + 2], truth: truthRow[index + 2]) }
                observe("N", row[arms.count + 2], truth: truthRow[arms.count + 2])
                continue
            }
            if level == "mean (SD)" { numeric.insert(characteristic) }
            guard characteristic != "Treatment", level != "mean (SD)", level != "median [Q1, Q3]" else { continue }
            let name = "\(characteristic)=\(level)"
            levelsOf[characteristic, default: []].append(name)
            for (index, arm) in arms.enumerated() { observe("\(name) × \(arm)", row[index + 2], truth: truthRow[index + 2]) }
            observe(name, row[arms.count + 2], truth: truthRow[arms.count + 2])
            sum(arms.map { "\(name) × \($0)" }, equals: name)
        }
        for (characteristic, levels) in levelsOf where !numeric.contains(characteristic) {
            for arm in arms { sum(levels.map { "\($0) × \(arm)" }, equals: "N \(arm)") }
            sum(levels, equals: "N")
        }
    }

    mutating func readRetention() {
        if let (table, truth) = pairs(titled: "Retention by arm").first {
            let n = column(table, "N")!, discontinued = column(table, "Discontinued")!
            let started = column(table, "Started"), completed = column(table, "Completed protocol")
            let firstRetained = table.columns.firstIndex { $0.name.hasPrefix("Retained") }!
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0])
                observe("retention N \(arm)", row[n], truth: truthRow[n])
                observe("discontinued \(arm)", row[discontinued], truth: truthRow[discontinued])
                atMost("discontinued \(arm)", "retention N \(arm)")
                if let started {
                    // Intention to treat: N is the arm's N; who never started is a day-0 discontinuation.
                    sum(["retention N \(arm)"], equals: "N \(arm)")
                    observe("started \(arm)", row[started], truth: truthRow[started])
                    if let share = Self.percentage(row[started]) { ratio("started \(arm)", of: "N \(arm)", is: share) }
                    sum(["started \(arm)", "no record \(arm)"], equals: "N \(arm)")
                    atMost("no record \(arm)", "discontinued \(arm)")
                } else {
                    sum(["retention N \(arm)", "no record \(arm)"], equals: "N \(arm)")
                }
                if let completed, row[completed] != .notApplicable {
                    observe("completed \(arm)", row[completed], truth: truthRow[completed])
                    if let share = Self.percentage(row[completed]) { ratio("completed \(arm)", of: "N \(arm)", is: share) }
                    atMost("completed \(arm)", started == nil ? "N \(arm)" : "started \(arm)")
                }
                // Kaplan–Meier: counts a reader works out with the N, as if nobody were censored.
                if let total = known["retention N \(arm)"] {
                    checkKaplanMeier(row.dropFirst(firstRetained).map(Self.percentage), total: total, what: "retention \(arm)")
                }
            }
            let markers = ["Patients without any treatment record: ", "Patients who did not start treatment: "]
            let noRecord = paragraphs.compactMap { paragraph -> Int? in
                guard let range = markers.lazy.compactMap({ paragraph.range(of: $0) }).first else { return nil }
                return Int(paragraph[range.upperBound...].prefix { $0.isNumber })
            }.first
            if let noRecord {
                known["no record, all arms"] = noRecord
                sum(table.rows.map { "no record \(text($0[0]))" }, equals: "no record, all arms")
            }
        }
        if let (table, truth) = pairs(titled: "Retention comparisons").first {
            for (index, (row, truthRow)) in zip(table.rows, truth.rows).enumerated() {
                let pair = text(row[0]).components(separatedBy: " vs ")
                guard pair.count == 2 else { continue }
                let model = "model N \(index)"
                observe(model, row[6], truth: truthRow[6])
                constraints.append(([(model, 1), ("retention N \(pair[0])", -1), ("retention N \(pair[1])", -1)], -.infinity, 0))
                // Left out only for a missing adjustment covariate (age, sex): at most their missing counts.
                let missing = pair.flatMap { arm in ["age=missing × \(arm)", "sex=missing × \(arm)"] }
                if missing.allSatisfy({ known[$0] != nil }) {
                    let slack = Double(missing.reduce(0) { $0 + known[$1]! })
                    constraints.append((
                        [(model, 1), ("retention N \(pair[0])", -1), ("retention N \(pair[1])", -1)], -slack, .infinity))
                }
                // Under intention to treat every patient missing age (or sex) is left out.
                if column(table, "N in model") != nil, tables(published, titled: "Retention by arm").first.flatMap({ column($0, "Started") }) != nil {
                    for covariate in ["age", "sex"] {
                        constraints.append((
                            [(model, 1), ("retention N \(pair[0])", -1), ("retention N \(pair[1])", -1)]
                                + pair.map { ("\(covariate)=missing × \($0)", 1) }, -.infinity, 0))
                    }
                }
            }
        }
    }

    /// A printed Kaplan–Meier estimate S with its N: N·(1 − S), N·S and the differences between successive printed
    /// estimates are counts a reader can work out; none may be 1…10.
    mutating func checkKaplanMeier(_ estimates: [Double?], total: Int, what: String) {
        var previous = 0
        for estimate in estimates.compactMap({ $0 }) {
            let events = Int((Double(total) * (1 - estimate)).rounded())
            for (label, value) in [("events", events), ("others", total - events), ("events since the last", events - previous)]
            where (1..<minimum).contains(value) {
                findings.append("\(what): \(label) = \(value) from S = \(estimate), N = \(total)")
            }
            previous = events
        }
    }

    mutating func readUrineScreens() {
        if let (table, truth) = pairs(titled: "Relapse by arm").first {
            let short = column(table, "Word under 4 weeks"), relapsed = column(table, "Relapsed")!
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0])
                observe("word \(arm)", row[2], truth: truthRow[2])
                sum(["word \(arm)", "no word \(arm)"], equals: "N \(arm)")
                if let short {
                    observe("short word \(arm)", row[short], truth: truthRow[short])
                    sum(["4+ weeks \(arm)", "short word \(arm)"], equals: "word \(arm)")
                } else {
                    sum(["4+ weeks \(arm)"], equals: "word \(arm)")
                }
                observe("relapsed \(arm)", row[relapsed], truth: truthRow[relapsed])
                atMost("relapsed \(arm)", "4+ weeks \(arm)")
                if let n = known["word \(arm)"].map({ $0 - (short == nil ? 0 : known["short word \(arm)"] ?? 0) }),
                   short == nil || known["short word \(arm)"] != nil {
                    checkKaplanMeier(row.dropFirst(relapsed + 2).map(Self.percentage), total: n, what: "relapse \(arm)")
                }
            }
        }
        if let (table, truth) = pairs(titled: "Relapse among patients who started").first {
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0]), assessed = "started 4+ \(arm)", relapsed = "started relapsed \(arm)"
                observe(assessed, row[1], truth: truthRow[1])
                observe(relapsed, row[2], truth: truthRow[2])
                if let share = Self.percentage(row[2]) { ratio(relapsed, of: assessed, is: share) }
                atMost(assessed, "4+ weeks \(arm)")
                atMost(relapsed, "relapsed \(arm)")
                atMost(relapsed, assessed)
                atMost(assessed, "started \(arm)")
                // Those assessed who never started are at most those who never started.
                constraints.append(([("4+ weeks \(arm)", 1), (assessed, -1), ("no record \(arm)", -1)], -.infinity, 0))
            }
        }
        if let (table, truth) = pairs(titled: "Dropout, abstinence").first {
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0])
                observe("word \(arm)", row[1], truth: truthRow[1])
                observe("dropped out \(arm)", row[2], truth: truthRow[2])
                atMost("dropped out \(arm)", "4+ weeks \(arm)")
                if let p = Self.percentage(row[2]) { ratio("dropped out \(arm)", of: "4+ weeks \(arm)", is: p) }
                observe("abstinent \(arm)", row[5], truth: truthRow[5])
                atMost("abstinent \(arm)", "word \(arm)")
                if let p = Self.percentage(row[5]) { ratio("abstinent \(arm)", of: "word \(arm)", is: p) }
            }
        }
    }

    mutating func readAdherence() {
        if let (table, truth) = pairs(titled: "Observed dosing adherence").first {
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0])
                observe("dosing N \(arm)", row[1], truth: truthRow[1])
                atMost("dosing N \(arm)", "N \(arm)")
                observe("adherent \(arm)", row[4], truth: truthRow[4])
                atMost("adherent \(arm)", "dosing N \(arm)")
                if let p = Self.percentage(row[4]) { ratio("adherent \(arm)", of: "dosing N \(arm)", is: p) }
            }
        }
        if let (table, truth) = pairs(titled: "Visit attendance").first {
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let name = "\(text(row[0])) \(text(row[1]))"
                observe("scheduled \(name)", row[2], truth: truthRow[2])
                observe("attended \(name)", row[3], truth: truthRow[3])
                observe("excused \(name)", row[5], truth: truthRow[5])
                atMost("attended \(name)", "scheduled \(name)")
                if let p = Self.percentage(row[4]) { ratio("attended \(name)", of: "scheduled \(name)", is: p) }
            }
        }
        let grouping = tables(published, titled: "Patients by arm and").first?.columns.first?.name
        for (table, truth) in pairs(titled: "Proportion of days covered by") {
            let by = String(table.title.dropFirst("Proportion of days covered by ".count))
            var rows: [String] = []
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let label = "pdc \(by) \(text(row[0]))"
                rows.append(label)
                observe("\(label) N", row[1], truth: truthRow[1])
                observe("\(label) adherent", row[4], truth: truthRow[4])
                atMost("\(label) adherent", "\(label) N")
                if let p = Self.percentage(row[4]) { ratio("\(label) adherent", of: "\(label) N", is: p) }
                if by == "arm" { atMost("\(label) N", "N \(text(row[0]))") }
                if by == grouping { atMost("\(label) N", "group \(text(row[0]))") }
            }
            sum(rows.map { "\($0) N" }, equals: "pdc N")
            sum(rows.map { "\($0) adherent" }, equals: "pdc adherent")
        }
    }

    mutating func readCraving() {
        for (table, truth) in pairs(titled: "") where table.title.hasSuffix(": change from baseline") {
            let instrument = table.title.components(separatedBy: ":")[0]
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let name = "\(instrument) \(text(row[0])) week \(text(row[1]))"
                observe(name, row[2], truth: truthRow[2])
                atMost(name, "N \(text(row[0]))")
            }
        }
        for (table, truth) in pairs(titled: "") where table.title.contains(": reliable improvement from baseline to week ") {
            let instrument = table.title.components(separatedBy: ":")[0]
            let week = table.title.components(separatedBy: "to week ")[1].prefix { $0.isNumber }
            for (row, truthRow) in zip(table.rows, truth.rows) {
                // The same patients as the change table's row at that week: a baseline and a value at the week.
                let name = "\(instrument) \(text(row[0])) week \(week)"
                observe(name, row[1], truth: truthRow[1])
                observe("\(name) improved", row[2], truth: truthRow[2])
                atMost("\(name) improved", name)
                atMost(name, "N \(text(row[0]))")
                if let p = Self.percentage(row[2]) { ratio("\(name) improved", of: name, is: p) }
            }
        }
    }

    var bulletItems: [String] {
        published.sections.flatMap(\.blocks).flatMap { block -> [String] in
            if case .bulletList(let items) = block { return items }
            return []
        }
    }

    /// Each arm's medication, from the baseline table's Treatment row ("buprenorphine + CBT").
    var medicationOfArm: [String: String] {
        guard let table = tables(published, titled: "Baseline characteristics").first,
              let row = table.rows.first(where: { text($0[0]) == "Treatment" }) else { return [:] }
        let arms = table.columns.dropFirst(2).dropLast().map(\.name)
        return Dictionary(uniqueKeysWithValues: arms.enumerated().map { index, arm in
            (arm, text(row[index + 2]).components(separatedBy: " + ")[0])
        })
    }

    /// "A, B and C" as [A, B, C].
    static func list(_ text: String) -> [String] {
        let parts = text.components(separatedBy: " and ")
        guard parts.count > 1 else { return [text] }
        return parts.dropLast().joined(separator: " and ").components(separatedBy: ", ") + [parts.last!]
    }

    mutating func readBalance() {
        // "Methadone: with support A, B and C; alone D and E": the arms of each group.
        var groups: [String: (support: [String], alone: [String])] = [:]
        for item in bulletItems {
            guard let colon = item.range(of: ": with support "), let alone = item.range(of: "; alone ") else { continue }
            groups[String(item[..<colon.lowerBound])] = (
                Self.list(String(item[colon.upperBound..<alone.lowerBound])), Self.list(String(item[alone.upperBound...])))
        }
        if let (table, truth) = pairs(titled: "Medication with psychosocial support against medication alone").first {
            let support = column(table, "Patients with support")!, alone = column(table, "Patients alone")!
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let medication = text(row[0])
                guard let arms = groups[medication] else { continue }
                observe("balance \(medication) with support", row[support], truth: truthRow[support])
                observe("balance \(medication) alone", row[alone], truth: truthRow[alone])
                sum(arms.support.map { "retention N \($0)" }, equals: "balance \(medication) with support")
                sum(arms.alone.map { "retention N \($0)" }, equals: "balance \(medication) alone")
            }
        }
        if let (table, truth) = pairs(titled: "Dropout and relapse by sessions attended").first {
            let dropouts = column(table, "Dropouts")!
            var bands: [String: [String]] = [:]
            for (row, truthRow) in zip(table.rows, truth.rows) where Self.count(row[dropouts]) != nil || row[dropouts] == .suppressed {
                let medication = text(row[0]), name = "engagement dropouts \(medication) \(text(row[1]))"
                observe(name, row[dropouts], truth: truthRow[dropouts])
                bands[medication, default: []].append(name)
            }
            // Without trial follow-up (no "Completed protocol" column) the engagement episodes are the retention
            // episodes: a medication's dropouts are its arms' discontinuations after starting.
            let retention = tables(published, titled: "Retention by arm").first
            let trials = retention.flatMap { column($0, "Completed protocol") } != nil
            let started = retention.flatMap { column($0, "Started") } != nil
            let medicationOfArm = self.medicationOfArm
            for (medication, names) in bands {
                let total = "engagement dropouts \(medication)"
                sum(names, equals: total)
                guard !trials else { continue }
                let arms = medicationOfArm.filter { $0.value.lowercased() == medication.lowercased() }.keys.sorted()
                let terms = arms.map { ("discontinued \($0)", 1.0) } + (started ? arms.map { ("no record \($0)", -1.0) } : [])
                // Adjusted models leave out patients missing a covariate: then at most, and at least less the
                // baseline table's missing counts of those covariates; else exactly.
                let note = tables(published, titled: "Engagement in the last").first?.footnotes
                    .first { $0.hasPrefix("Adjusted for ") && $0.contains("left out of these models") }
                constraints.append((terms + [(total, -1)], 0, note == nil ? 0 : .infinity))
                if let note {
                    let names = Self.list(String(note.dropFirst("Adjusted for ".count).prefix { $0 != "(" })
                        .trimmingCharacters(in: .whitespaces))
                    let missing = names.flatMap { name in arms.map { ("\(name)=missing × \($0)", -1.0) } }
                    if missing.allSatisfy({ known[$0.0] != nil || withheld[$0.0] != nil }) {
                        constraints.append((terms + [(total, -1)] + missing, -.infinity, 0))
                    }
                }
            }
        }
    }

    mutating func readRelapseRisk() {
        for paragraph in paragraphs {
            guard let range = paragraph.range(of: #"(\d+) of (\d+) relapsed"#, options: .regularExpression) else { continue }
            let numbers = paragraph[range].split(separator: " ").compactMap { Int($0) }
            known["model relapsed"] = numbers[0]
            known["model N"] = numbers[1]
        }
        atMost("model N", "N")
        atMost("model relapsed", "model N")
        if let (table, truth) = pairs(titled: "Calibration by decile").first {
            var deciles: [String] = []
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let decile = "decile \(text(row[0]))"
                deciles.append(decile)
                observe(decile, row[1], truth: truthRow[1])
                atMost("\(decile) relapsed", decile)
                if let p = Self.percentage(row[3]) { ratio("\(decile) relapsed", of: decile, is: p) }
            }
            sum(deciles, equals: "model N")
            sum(deciles.map { "\($0) relapsed" }, equals: "model relapsed")
        }
        if let (table, truth) = pairs(titled: "Observed relapse by predicted-risk group").first {
            var groups: [String] = [], byArm: [String: [String]] = [:]
            for (row, truthRow) in zip(table.rows, truth.rows) {
                let arm = text(row[0]), group = "risk \(arm) \(text(row[1]))"
                groups.append(group)
                byArm[arm, default: []].append(group)
                observe(group, row[2], truth: truthRow[2])
                observe("\(group) relapsed", row[3], truth: truthRow[3])
                atMost("\(group) relapsed", group)
                if let p = Self.percentage(row[4]) { ratio("\(group) relapsed", of: group, is: p) }
            }
            // Arms the table leaves out (its footnote names them) are in the model with counts the reader does not
            // know: an unknown each, at most the arm's N.
            let leftOut = table.footnotes.first { $0.hasPrefix("Not broken down") }.map { note in
                String(note.split(separator: ":", maxSplits: 1)[1].dropLast()).trimmingCharacters(in: .whitespaces)
                    .components(separatedBy: ", ")
            } ?? []
            for arm in leftOut {
                atMost("risk \(arm) not broken down", "N \(arm)")
                atMost("risk \(arm) not broken down relapsed", "risk \(arm) not broken down")
            }
            sum(groups + leftOut.map { "risk \($0) not broken down" }, equals: "model N")
            sum((groups + leftOut.map { "risk \($0) not broken down" }).map { "\($0) relapsed" }, equals: "model relapsed")
            for (arm, members) in byArm {
                constraints.append((members.map { ($0, 1) } + [("N \(arm)", -1)], -.infinity, 0))
            }
        }
    }

    // MARK: Attacking

    /// Every finding: printed small counts, recoverable Kaplan–Meier counts, and withheld counts narrowed below
    /// three values.
    mutating func attack() -> [String] {
        var lower: [Double] = []
        var variable: [String: Int] = [:]
        func index(_ name: String) -> Int {
            if let existing = variable[name] { return existing }
            lower.append(withheld[name] != nil ? 1 : 0)
            variable[name] = lower.count - 1
            return lower.count - 1
        }
        for name in withheld.keys.sorted() { _ = index(name) }
        // Constraints over the unknowns, printed values folded into the bounds.
        var rows: [(terms: [(variable: Int, coefficient: Double)], lower: Double, upper: Double)] = []
        for (terms, low, high) in constraints {
            var constant = 0.0
            var unknown: [(variable: Int, coefficient: Double)] = []
            for (name, coefficient) in terms {
                if let value = known[name] { constant += coefficient * Double(value) } else { unknown.append((index(name), coefficient)) }
            }
            if unknown.isEmpty {
                if constant < low - 1e-9 || constant > high + 1e-9 {
                    findings.append("the reader's constraints contradict the printed values: \(terms.map(\.0)) = \(constant)")
                }
                continue
            }
            rows.append((unknown, low - constant, high - constant))
        }
        func problem(over variables: [Int], fixing point: [Int]?, radius: Int?) -> (IntegerFeasibilityProblem, [Int: Int]) {
            var problem = IntegerFeasibilityProblem(count: 0)
            var position: [Int: Int] = [:]
            for v in variables {
                let centre = point.map { Double($0[v]) }
                position[v] = problem.addVariable(
                    lower: max(lower[v], radius.map { centre! - Double($0) } ?? -.infinity),
                    upper: radius.map { centre! + Double($0) } ?? .infinity)
            }
            for row in rows where row.terms.contains(where: { position[$0.variable] != nil }) {
                var constant = 0.0
                var terms: [(variable: Int, coefficient: Double)] = []
                for term in row.terms {
                    if let inner = position[term.variable] { terms.append((inner, term.coefficient)) } else { constant += term.coefficient * Double(point![term.variable]) }
                }
                problem.add(terms, lower: row.lower - constant, upper: row.upper - constant)
            }
            return (problem, position)
        }
        // A feasible point with every withheld count at its true value (the counts never printed solved for).
        let (whole, _) = problem(over: Array(lower.indices), fixing: nil, radius: nil)
        var anchored = whole
        for (name, value) in withheld { anchored.restrict(variable[name]!, lower: Double(value), upper: Double(value)) }
        guard case .feasible(let point) = anchored.solve(nodeLimit: 100_000) else {
            // Name the constraints the true values break (those whose every count is printed or withheld).
            let values = known.merging(withheld) { first, _ in first }
            let broken = constraints.filter { terms, low, high in
                guard terms.allSatisfy({ values[$0.0] != nil }) else { return false }
                let total = terms.reduce(0.0) { $0 + $1.1 * Double(values[$1.0]!) }
                return total < low - 1e-9 || total > high + 1e-9
            }
            // The first constraint whose addition makes the true values infeasible.
            var first = "?"
            for count in 1...rows.count {
                var partial = IntegerFeasibilityProblem(count: 0)
                for v in lower.indices { _ = partial.addVariable(lower: lower[v]) }
                for row in rows.prefix(count) { partial.add(row.terms, lower: row.lower, upper: row.upper) }
                for (name, value) in withheld { partial.restrict(variable[name]!, lower: Double(value), upper: Double(value)) }
                if case .infeasible = partial.solve(nodeLimit: 100_000) {
                    let names = variable.sorted { $0.value < $1.value }.map(\.key)
                    first = rows[count - 1].terms.map { "\($0.coefficient)·\(names[$0.variable])" }.joined(separator: " + ")
                        + " in [\(rows[count - 1].lower), \(rows[count - 1].upper)]; "
                        + rows[count - 1].terms.map { "\(names[$0.variable]) = \(withheld[names[$0.variable]].map(String.init) ?? "hidden") (lower \(lower[$0.variable]))" }.joined(separator: ", ")
                    break
                }
            }
            return findings + ["the true values do not satisfy the reader's constraints: \(broken.prefix(5).map { $0.0.map(\.0) }); first: \(first)"]
        }
        var neighbours = [[Int]](repeating: [], count: lower.count)
        for row in rows {
            for term in row.terms { neighbours[term.variable] += row.terms.map(\.variable) }
        }
        for (name, value) in withheld.sorted(by: { $0.key < $1.key }) {
            let target = variable[name]!
            // First the audit's solutions, checked against every constraint of the reader: the counts they name are
            // fixed, the reader's other unknowns kept at the truth, or repaired within ±12 where a constraint breaks.
            var values = Set<Int>()
            var broken: [String] = []
            let alternatives = ledgerAlternatives(name)
            var outcomes: [String] = []
            for alternative in alternatives {
                var fixed = point
                for (other, value) in alternative { if let v = variable[other] { fixed[v] = value } }
                // Repair locally: the reader's other unknowns stay at the truth except those in a constraint the
                // alternative breaks, and their neighbours (two steps), which are searched.
                let mapped = Set(alternative.keys.compactMap { variable[$0] })
                var repair = Set<Int>()
                for row in rows {
                    let total = row.terms.reduce(0.0) { $0 + $1.coefficient * Double(fixed[$1.variable]) }
                    if total < row.lower - 1e-9 || total > row.upper + 1e-9 {
                        if ProcessInfo.processInfo.environment["ATTACK_TRACE"] != nil, outcomes.isEmpty {
                            let names = variable.sorted { $0.value < $1.value }.map(\.key)
                            print("TRACE   breaks: " + row.terms.map { "\($0.coefficient)·\(names[$0.variable])=\(fixed[$0.variable])\(mapped.contains($0.variable) ? "*" : "")" }
                                .joined(separator: " + ") + " in [\(row.lower), \(row.upper)]")
                        }
                        repair.formUnion(row.terms.map(\.variable).filter { !mapped.contains($0) })
                    }
                }
                for _ in 0..<2 {
                    repair.formUnion(repair.flatMap { neighbours[$0] }.filter { !mapped.contains($0) })
                }
                let free = repair.sorted()
                let (check, position) = problem(over: free, fixing: fixed, radius: 12)
                let outcome = check.solve(nodeLimit: 20_000, hint: free.map { point[$0] })
                outcomes.append("\(alternative.count) fixed (\(name) = \(alternative[name].map(String.init) ?? "?")), \(free.count) free: \(outcome)".prefix(160).description)
                if case .feasible(let solution) = outcome {
                    values.insert(position[target].map { solution[$0] } ?? fixed[target])
                } else {
                    let names = variable.sorted { $0.value < $1.value }.map(\.key)
                    for row in rows {
                        let total = row.terms.reduce(0.0) { $0 + $1.coefficient * Double(fixed[$1.variable]) }
                        let touchesFree = row.terms.contains { free.contains($0.variable) }
                        if !touchesFree, total < row.lower - 1e-9 || total > row.upper + 1e-9 {
                            broken.append(row.terms.map { "\($0.coefficient)·\(names[$0.variable])=\(fixed[$0.variable])" }
                                .joined(separator: " + ") + " in [\(row.lower), \(row.upper)]")
                        }
                    }
                }
            }
            values.insert(value)
            let wide = values.contains { abs($0 - value) >= 2 } || (values.contains(value - 1) && values.contains(value + 1))
            if ProcessInfo.processInfo.environment["ATTACK_TRACE"] != nil {
                print("TRACE ledger witnesses: \(name) (true \(value)): \(alternatives.count) alternatives \(outcomes); values \(values.sorted()); broken: \(broken.prefix(3))")
            }
            if wide { continue }
            // Then the reader's own search for other solutions near the truth, moving only the unknowns within a few
            // constraints (a solution found there is a solution of the whole system); then everything.
            var found = false
            for (depth, radius) in [(2, 3), (4, 12), (lower.count, 12)] {
                var near: Set<Int> = [target], frontier = [target]
                for _ in 0..<depth {
                    frontier = frontier.flatMap { neighbours[$0] }.filter { near.insert($0).inserted }
                }
                let (local, position) = problem(over: near.sorted(), fixing: point, radius: radius)
                let spread = local.spread(of: position[target]!, around: value, nodeLimit: 20_000, hint: near.sorted().map { point[$0] })
                if ProcessInfo.processInfo.environment["ATTACK_TRACE"] != nil, spread != .atLeastThreeValues {
                    print("TRACE near search: \(name) (true \(value)), depth \(depth), radius \(radius), \(near.count) unknowns: \(spread)")
                }
                if spread == .atLeastThreeValues {
                    found = true
                    break
                }
            }
            if found { continue }
            let searchStarted = ContinuousClock.now
            let spread = whole.spread(of: target, around: value, nodeLimit: 200_000, hint: point)
            if ProcessInfo.processInfo.environment["ATTACK_TRACE"] != nil {
                print("TRACE full search: \(name): \(spread) in \(ContinuousClock.now - searchStarted)")
            }
            switch spread {
            case .atLeastThreeValues: continue
            case .atMostTwoAdjacentValues: findings.append("\(name) (true \(value)) is narrowed to at most two values")
            case .undecided: findings.append("\(name): the search did not finish")
            }
        }
        return findings
    }

    // MARK: The ledger's names

    /// The reader's name of each ledger key the test knows how to name (arm and cohort Ns, baseline and grouping
    /// cells, the retention, urine-screen, dosing and relapse-risk counts).
    static func keyNames(_ analysis: CohortAnalysis) -> [ReportCounts.Key: String] {
        let arms = analysis.arms.labels, baseline = analysis.baseline
        var names: [ReportCounts.Key: String] = [.grandTotal: "N"]
        for (index, arm) in arms.enumerated() {
            names[.armTotal(arm: index)] = "N \(arm)"
            let retention = ["retention N": "retention N", "retention without a record": "no record",
                             "retention started": "started", "retention completed protocol": "completed",
                             "urine started, 4+ weeks": "started 4+", "urine started, relapsed": "started relapsed",
                             "retention discontinued": "discontinued", "urine patients with a word": "word",
                             "urine patients without a word": "no word", "urine words of 4+ weeks": "4+ weeks",
                             "urine words under 4 weeks": "short word", "urine relapsed": "relapsed",
                             "urine dropped out": "dropped out", "urine abstinent": "abstinent",
                             "adherence patients": "dosing N", "adherence adherent": "adherent"]
            for (ledger, reader) in retention { names[.named("\(ledger) \(arm)")] = "\(reader) \(arm)" }
        }
        names[.named("retention without a record")] = "no record, all arms"
        for index in 0..<(analysis.retention.value?.comparisons.count ?? 0) {
            names[.named("retention comparison \(index) N in model")] = "model N \(index)"
        }
        if let results = analysis.relapseRisk?.value {
            names[.named("relapse risk patients")] = "model N"
            names[.named("relapse risk relapsed")] = "model relapsed"
            let policy = SmallCellPolicy(minimumCount: analysis.plan.disclosure.minimumCellSize)
            for group in CalibrationGroup.groups(results.fit.validation.crossValidated.deciles, policy: policy) {
                names[.named("relapse risk decile \(group.first) patients")] = "decile \(group.label)"
                names[.named("relapse risk decile \(group.first) relapsed")] = "decile \(group.label) relapsed"
            }
            let cuts = results.riskThirdCuts
            let thirds = ["Low (below \(NumberFormat.percentage(cuts[0], decimals: 0)))", "Middle",
                          "High (from \(NumberFormat.percentage(cuts[1], decimals: 0)))"]
            for group in results.riskGroups {
                let name = "risk \(arms[group.armColumn]) \(thirds[group.third])"
                names[.named("relapse risk arm \(group.armColumn) third \(group.third) patients")] = name
                names[.named("relapse risk arm \(group.armColumn) third \(group.third) relapsed")] = "\(name) relapsed"
            }
        }
        if let results = analysis.balance.value {
            for entry in results.supportComparisons {
                let medication = entry.medication.rawValue
                names[.named("balance \(medication) with support patients")] = "balance \(medication.capitalized) with support"
                names[.named("balance \(medication) alone patients")] = "balance \(medication.capitalized) alone"
            }
            for entry in results.engagement.value?.doseResponse ?? [] {
                let medication = entry.medication.rawValue
                names[.named("balance \(medication) dropouts")] = "engagement dropouts \(medication.capitalized)"
                for band in entry.bands {
                    names[.named("balance \(medication) dropouts, sessions \(band.band.label)")] =
                        "engagement dropouts \(medication.capitalized) \(band.band.label)"
                }
            }
        }
        let groupLevels = baseline.grouping.levels + (baseline.grouping.hasMissing ? ["(missing)"] : [])
        for (row, level) in groupLevels.enumerated() {
            names[.rowTotal(block: ReportCounts.groupingBlock, row: row)] = "group \(level)"
            for (index, arm) in arms.enumerated() {
                names[.cell(block: ReportCounts.groupingBlock, row: row, arm: index)] = "group \(level) × \(arm)"
            }
        }
        for (position, characteristic) in baseline.characteristics.enumerated() {
            let levels = switch characteristic.summary {
            case .categorical(let levels, _): levels + ["missing"]
            case .numeric: ["missing"]
            }
            for (row, level) in levels.enumerated() {
                let name = "\(characteristic.name)=\(level)"
                names[.rowTotal(block: position + 1, row: row)] = name
                for (index, arm) in arms.enumerated() { names[.cell(block: position + 1, row: row, arm: index)] = "\(name) × \(arm)" }
            }
        }
        return names
    }
}
