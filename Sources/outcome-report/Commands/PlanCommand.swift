import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report plan`: the effective analysis plan of a cohort, as JSON.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print the analysis plan a cohort's report uses, as JSON (edit it and pass it back with --plan).",
        discussion: """
            The plan is the library's defaults, then the "plan" object of the cohort folder's cohort.json (for the \
            bundled CTN-0094 cohort: its trials' protocols, its week convention and the arms to compare), then \
            --plan FILE. A plan file may hold the whole plan this command prints or only the settings to change, \
            for example {"retention": {"allowedGapDays": 14}, "relapseRisk": {"landmarkWeek": 4}}. Unknown settings, \
            values of the wrong type or out of range, and another schema version are errors naming the setting. \
            Every setting is described in docs/AnalysisPlan.md.

            Without --cohort, prints the library's defaults (with --plan applied).
            """)

    @Option(name: .long, help: ArgumentHelp("The cohort folder whose cohort.json to apply.", valueName: "dir"))
    var cohort: String?

    @Option(name: .customLong("plan"), help: ArgumentHelp("A plan file laid over the cohort's plan.", valueName: "file"))
    var planPath: String?

    func run() throws {
        let text = try reportingFailures { () throws -> String in
            var manifest: CohortManifest?
            if let cohort {
                let folder = URL(fileURLWithPath: cohort)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
                else { throw InputError(.missingFile, file: folder.path, message: "no such cohort folder") }
                manifest = try CohortManifest.read(folder: folder)
            }
            let plan = try AnalysisPlan.effective(manifest: manifest, overrides: planPath.map { URL(fileURLWithPath: $0) })
            return String(decoding: try plan.jsonData(), as: UTF8.self) + "\n"
        }
        try writeToStandardOutput(text)
    }
}
