import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report lmm` and `outcome-report trend`, run as processes, against the lme4 and lm fixtures in
/// datasets/reference/craving (mixed_models.R: R 4.2.2, lme4 1.1.31, bobyqa rhoend 1e-12).
@Suite("Craving: lmm and trend commands")
struct CravingCommandTests {
    private struct Reference: Decodable {
        struct Case: Decodable {
            let method: String, random: String, outcome: String, time: String, group: String
            let covariates: [String], terms: [String], estimate: [Double], se: [Double]
            let sd_intercept: Double, sd_slope: Double?, correlation: Double?, sd_residual: Double
            let loglik: Double, reml_criterion: Double?, n_obs: Int, n_groups: Int, singular: Bool
        }
        let cases: [String: Case]
    }

    private struct Output: Decodable {
        struct Fixed: Decodable { let term: String; let estimate: Double?; let se: Double? }
        struct Random: Decodable { let sd_intercept: Double; let sd_slope: Double?; let correlation: Double? }
        let fixed_effects: [Fixed]
        let random_effects: Random
        let sd_residual: Double, loglik: Double, reml_criterion: Double?
        let n_obs: Int, n_groups: Int, converged: Bool, iterations: Int, singular: Bool
    }

    private static let reference = try! JSONDecoder().decode(
        Reference.self, from: Data(contentsOf: datasetURL("reference/craving/mixed_models.json")))

    @Test("lmm --format json matches lme4", arguments: ["sleepstudy_reml", "sleepstudy_ml", "sleepstudy_intercept",
                                                        "chickweight_reml", "singular_reml"])
    func lmmJSON(_ name: String) throws {
        let expected = try #require(Self.reference.cases[name])
        let file = datasetURL("reference/craving/" + name.prefix { $0 != "_" } + ".csv").path
        var arguments = ["lmm", "--input", file, "--outcome", expected.outcome, "--time", expected.time,
                         "--group", expected.group, "--method", expected.method, "--random", expected.random,
                         "--format", "json"]
        if !expected.covariates.isEmpty { arguments += ["--covariates", expected.covariates.joined(separator: ",")] }
        let result = try OutcomeReportProcess.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.standardOutput.utf8))
        // lme4 names the product term "Time:diet2" as we do; the intercept "(Intercept)".
        #expect(output.fixed_effects.map(\.term) == expected.terms)
        for (index, effect) in output.fixed_effects.enumerated() {
            #expect(isClose(effect.estimate!, expected.estimate[index], relative: 1e-4, absolute: 1e-4 * expected.se[index]))
            #expect(isClose(effect.se!, expected.se[index], relative: 1e-4))
        }
        #expect(isClose(output.random_effects.sd_intercept, expected.sd_intercept, relative: 1e-4))
        #expect(output.random_effects.sd_slope.map { isClose($0, expected.sd_slope!, relative: 1e-4) } ?? (expected.sd_slope == nil))
        #expect(output.random_effects.correlation.map { isClose($0, expected.correlation!, relative: 1e-4) } ?? (expected.correlation == nil))
        #expect(isClose(output.sd_residual, expected.sd_residual, relative: 1e-4))
        #expect(isClose(output.loglik, expected.loglik, relative: 1e-8))
        #expect(output.reml_criterion.map { isClose($0, expected.reml_criterion!, relative: 1e-8) } ?? (expected.reml_criterion == nil))
        #expect(result.standardOutput.contains("reml_criterion") == (expected.method == "reml"))
        #expect(output.n_obs == expected.n_obs && output.n_groups == expected.n_groups)
        #expect(output.converged && output.iterations > 0)
        #expect(output.singular == expected.singular)
    }

    @Test("lmm expands a text covariate into R's treatment indicators and leaves out empty outcomes, counted")
    func textCovariate() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lmm-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // ChickWeight with the diet written as text; one extra row with an empty outcome.
        let source = try String(contentsOf: datasetURL("reference/craving/chickweight.csv"), encoding: .utf8)
        var lines = source.split(separator: "\n").map(String.init)
        lines = ["Chick,Time,weight,diet"] + lines.dropFirst().map { line in
            let f = line.split(separator: ",").map(String.init)
            let diet = f[3] == "1" ? "d2" : f[4] == "1" ? "d3" : f[5] == "1" ? "d4" : "d1"
            return [f[0], f[1], f[2], diet].joined(separator: ",")
        } + ["1,30,,d1"]
        let file = folder.appendingPathComponent("chicks.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let result = try OutcomeReportProcess.run(
            ["lmm", "--input", file.path, "--outcome", "weight", "--time", "Time", "--group", "Chick",
             "--covariates", "diet,Time:diet", "--format", "json"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("left out 1 rows with an empty weight"))
        let output = try JSONDecoder().decode(Output.self, from: Data(result.standardOutput.utf8))
        let expected = try #require(Self.reference.cases["chickweight_reml"])
        #expect(output.fixed_effects.map(\.term) == ["(Intercept)", "Time", "dietd2", "dietd3", "dietd4",
                                                    "Time:dietd2", "Time:dietd3", "Time:dietd4"])
        for (index, effect) in output.fixed_effects.enumerated() {
            #expect(isClose(effect.se!, expected.se[index], relative: 1e-4))
        }
    }

    @Test("trend matches lm per subject")
    func trend() throws {
        struct Slopes: Decodable {
            struct Slope: Decodable { let group: String; let n: Int; let slope: Double; let slope_se: Double; let intercept: Double }
            let slopes: [Slope]
        }
        // slopes.json: lm(Reaction ~ I(Days / 7)) per Subject; the command is given Days, so slope and SE are /7.
        let reference = try JSONDecoder().decode(
            Slopes.self, from: Data(contentsOf: datasetURL("reference/craving/slopes.json")))
        let result = try OutcomeReportProcess.run(
            ["trend", "--input", datasetURL("reference/craving/sleepstudy.csv").path, "--outcome", "Reaction",
             "--time", "Days", "--group", "Subject"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        #expect(lines.first == ["group", "n", "slope", "slope_se", "intercept"])
        #expect(lines.count == 19)
        for expected in reference.slopes {
            let row = try #require(lines.first { $0[0] == expected.group })
            #expect(Int(row[1]) == expected.n)
            #expect(isClose(Double(row[2])!, expected.slope / 7, relative: 1e-12))
            #expect(isClose(Double(row[3])!, expected.slope_se / 7, relative: 1e-12))
            #expect(isClose(Double(row[4])!, expected.intercept, relative: 1e-12))
        }
    }

    @Test("bad input: one error line naming file, line and column; exit 1; nothing on stdout",
          arguments: [("Subject,Days,Reaction\n1,0,250\n1,x,260\n", "Days", "line 3"),
                      ("Subject,Days,Reaction\n1,0,250\n", "Dayz", "no such column")])
    func badInput(_ content: String, _ timeColumn: String, _ fragment: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lmm-bad-\(UUID().uuidString).csv")
        try content.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        for command in ["lmm", "trend"] {
            let result = try OutcomeReportProcess.run(
                [command, "--input", file.path, "--outcome", "Reaction", "--time", timeColumn, "--group", "Subject"])
            #expect(result.status == 1)
            #expect(result.standardOutput.isEmpty)
            #expect(result.standardError.hasPrefix("error: ") && result.standardError.contains(file.path))
            let location = fragment == "line 3" ? ":3: column \"Days\"" : fragment
            #expect(result.standardError.contains(location), "\(result.standardError)")
        }
    }
}
