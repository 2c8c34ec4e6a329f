import Foundation
import Testing
@testable import TreatmentOutcomes

/// Every file of a generated cohort follows the cohort input format and the documented model constraints.
@Suite("Synthetic cohort: format")
struct SyntheticFormatTests {
    /// What docs/SyntheticCohort.md documents, written out independently of the generator's own list.
    static let documentedHeaders: [CohortFile: String] = [
        .patients: "patient_id,site,arm,medication,psychosocial,index_date,age,sex,iv_use,homeless,prior_episodes",
        .doses: "patient_id,date,amount",
        .dispensings: "patient_id,date,days_supply,drug",
        .screens: "patient_id,date,substance,result",
        .visits: "patient_id,date,kind,status",
        .assessments: "patient_id,date,instrument,item,score",
        .episodes: "patient_id,start,end,end_reason",
    ]

    struct PatientFacts {
        let position: Int
        let medication: Medication
        let indexDate: CivilDate
        var episodeEnd: CivilDate?
    }

    /// patients.csv checked and indexed by identifier; episode ends filled in from episodes.csv.
    func checkedPatients(_ folder: URL) throws -> [Substring: PatientFacts] {
        let (_, rows) = try SyntheticFixture.table(folder, .patients)
        let sites = Set(["site-A", "site-B", "site-C", "site-D", "site-E", "site-F"])
        let supports = Set(["none", "standard", "counseling", "CBT", "contingency-management"])
        let first = try #require(CivilDate(iso8601: "2024-01-01"))
        let last = try #require(CivilDate(iso8601: "2025-12-31"))
        var facts: [Substring: PatientFacts] = [:]
        var missingPriorEpisodes = 0
        for (position, row) in rows.enumerated() {
            let id = row[0]
            #expect(id == "SYN" + String(format: "%08d", position + 1))
            #expect(sites.contains(String(row[1])), "site \(row[1])")
            let medication = try #require(Medication(rawValue: String(row[3])), "medication \(row[3])")
            #expect([.methadone, .buprenorphine, .naltrexone].contains(medication))
            #expect(supports.contains(String(row[4])), "psychosocial \(row[4])")
            #expect(row[2] == "\(row[3])+\(row[4])", "arm \(row[2])")
            let indexDate = try #require(CivilDate(iso8601: row[5]), "index_date \(row[5])")
            #expect(indexDate >= first && indexDate <= last)
            let age = try #require(Int(row[6]))
            #expect((18...70).contains(age))
            #expect(row[7] == "female" || row[7] == "male")
            #expect(row[8] == "yes" || row[8] == "no")
            #expect(row[9] == "yes" || row[9] == "no")
            if row[10].isEmpty { missingPriorEpisodes += 1 } else { #expect((Int(row[10]) ?? -1) >= 0) }
            facts[id] = PatientFacts(position: position, medication: medication, indexDate: indexDate)
        }
        #expect(facts.count == rows.count, "patient identifiers are unique")
        let missingShare = Double(missingPriorEpisodes) / Double(rows.count)
        #expect(missingShare > 0.02 && missingShare < 0.06, "missing prior_episodes share \(missingShare)")

        let (_, episodes) = try SyntheticFixture.table(folder, .episodes)
        #expect(episodes.count == rows.count, "one episode per patient")
        let cutoff = try #require(CivilDate(iso8601: "2026-03-31"))
        for (position, row) in episodes.enumerated() {
            var patient = try #require(facts[row[0]])
            #expect(patient.position == position)
            let start = try #require(CivilDate(iso8601: row[1]))
            let end = try #require(CivilDate(iso8601: row[2]))
            let reason = try #require(EpisodeEndReason(rawValue: String(row[3])))
            #expect(start == patient.indexDate)
            #expect(start.days(to: end) >= 1 && end <= cutoff && start.days(to: end) <= 365)
            switch reason {
            case .ongoing: #expect(end == cutoff)
            case .completed: #expect(start.days(to: end) == 365)
            default: #expect(start.days(to: end) <= 365)
            }
            patient.episodeEnd = end
            facts[row[0]] = patient
        }
        return facts
    }

    /// Checks rows of an event file: known patient, valid date within the episode, sorted by patient then date.
    func checkEvents(
        _ folder: URL, _ file: CohortFile, _ patients: [Substring: PatientFacts],
        row check: ([Substring], PatientFacts, Int) throws -> Void
    ) throws {
        let (header, rows) = try SyntheticFixture.table(folder, file)
        #expect(header.joined(separator: ",") == Self.documentedHeaders[file])
        var previous = (position: -1, date: CivilDate(daysSinceEpoch: .min))
        for row in rows {
            #expect(row.count == header.count, "\(file.rawValue): ragged row \(row)")
            let patient = try #require(patients[row[0]], "\(file.rawValue): unknown patient \(row[0])")
            let date = try #require(CivilDate(iso8601: row[1]), "\(file.rawValue): date \(row[1])")
            let day = patient.indexDate.days(to: date)
            #expect(day >= 0 && date <= patient.episodeEnd!, "\(file.rawValue): \(row) outside the episode")
            #expect((patient.position, date.daysSinceEpoch) >= (previous.position, previous.date.daysSinceEpoch),
                    "\(file.rawValue): rows out of order at \(row)")
            previous = (patient.position, date)
            try check(row, patient, day)
        }
    }

    @Test("Every file has its documented header, one record per line, and no quoted fields")
    func headersAndQuoting() throws {
        let (folder, _) = try SyntheticFixture.large.get()
        for file in CohortFile.allCases {
            let text = try String(contentsOf: folder.appendingPathComponent(file.rawValue), encoding: .utf8)
            #expect(text.hasPrefix(Self.documentedHeaders[file]! + "\n"), "\(file.rawValue)")
            #expect(!text.contains("\"") && !text.contains("\r"), "\(file.rawValue)")
        }
    }

    @Test("patients.csv and episodes.csv hold valid values")
    func patientsAndEpisodes() throws {
        let (folder, _) = try SyntheticFixture.large.get()
        _ = try checkedPatients(folder)
    }

    @Test("Event files hold valid values for known patients within their episodes")
    func eventFiles() throws {
        let (folder, _) = try SyntheticFixture.large.get()
        let patients = try checkedPatients(folder)
        try checkEvents(folder, .doses, patients) { row, patient, _ in
            let amount = try #require(Int(row[2]))
            switch patient.medication {
            case .methadone: #expect((30...120).contains(amount), "methadone amount \(amount)")
            case .naltrexone: #expect(amount == 1)
            default: Issue.record("doses.csv has a row for a \(patient.medication) patient")
            }
        }
        try checkEvents(folder, .dispensings, patients) { row, patient, _ in
            #expect(patient.medication == .buprenorphine)
            #expect([7, 14, 28].contains(Int(row[2]) ?? -1), "days_supply \(row[2])")
            #expect(row[3] == "buprenorphine-naloxone")
        }
        var attendedMedical = Set<String>()
        try checkEvents(folder, .visits, patients) { row, _, day in
            #expect(["medical", "counseling", "group", "peer"].contains(String(row[2])), "kind \(row[2])")
            let status = try #require(VisitStatus(rawValue: String(row[3])))
            #expect(row[2] == "medical" ? day % 7 == 0 : day % 7 == 3)
            if row[2] == "medical" && status == .attended { attendedMedical.insert("\(row[0]) \(row[1])") }
        }
        try checkEvents(folder, .screens, patients) { row, _, _ in
            #expect(["opioid", "fentanyl", "cocaine"].contains(String(row[2])), "substance \(row[2])")
            #expect(ScreenResult(rawValue: String(row[3])) != nil, "result \(row[3])")
            #expect(attendedMedical.contains("\(row[0]) \(row[1])"), "a specimen without an attended visit: \(row)")
        }
        try checkEvents(folder, .assessments, patients) { row, _, _ in
            let score = try #require(Int(row[4]))
            switch row[2] {
            case "COWS": #expect(row[3].isEmpty && (0...48).contains(score))
            case "craving-VAS": #expect(row[3].isEmpty && (0...100).contains(score))
            case "BSCS":
                #expect(["intensity", "frequency", "duration"].contains(String(row[3])))
                #expect((0...4).contains(score))
            default: Issue.record("unknown instrument \(row[2])")
            }
        }
    }

    @Test("The generated cohort loads cleanly with CohortLoader, with matching row counts")
    func loadsCleanly() throws {
        let (folder, summary) = try SyntheticFixture.large.get()
        let cohort = try CohortLoader.load(from: folder)
        #expect(cohort.patients.count == summary.patientCount)
        #expect(cohort.loadReport.totalDropped == 0)
        let loadedRows = Dictionary(uniqueKeysWithValues: cohort.loadReport.files.map { ($0.file, $0.rows) })
        for entry in summary.files {
            #expect(loadedRows[entry.file] == entry.rows, "\(entry.file.rawValue)")
        }
        #expect(cohort.doses?.count == summary.files[1].rows)
        #expect(cohort.dispensings?.count == summary.files[2].rows)
        #expect(cohort.screens?.count == summary.files[3].rows)
        #expect(cohort.visits?.count == summary.files[4].rows)
        #expect(cohort.assessments?.count == summary.files[5].rows)
        #expect(cohort.episodes?.count == summary.files[6].rows)
        #expect(cohort.patients.covariate(named: "age")?.isNumeric == true)
        #expect(cohort.patients.covariate(named: "prior_episodes")?.isNumeric == true)
        #expect(cohort.patients.covariate(named: "iv_use")?.isNumeric == false)
        #expect(cohort.hasCalendarDates)
    }
}
