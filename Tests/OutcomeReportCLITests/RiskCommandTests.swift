import Foundation
import Testing
import _OutcomeTestSupport

/// `outcome-report logistic` against R's glm (datasets/reference/risk/risk.json, made by risk.R with R 4.2.2), and
/// `outcome-report risk fit|score` on the bundled CTN-0094 cohort.
@Suite("Relapse risk: logistic and risk commands")
struct RiskCommandTests {
    private struct Reference: Decodable {
        struct Case: Decodable {
            let file: String, outcome: String, covariates: [String]
            let coef: [Double?], se: [Double?]?, deviance: Double?, null_deviance: Double?, aic: Double?
        }
        let glm: [String: Case]
        let firth: [String: Case]
    }

    private struct Output: Decodable {
        struct Coefficient: Decodable {
            let term: String
            let coef, se, z, p, lower95, upper95: Double?
        }
        let coefficients: [Coefficient]
        let deviance, null_deviance, aic, brier: Double
        let auc: Double?
        let n, iterations: Int
        let converged: Bool
        let penalty: String
        let lambda: Double?
        let warnings: [String]
    }

    private static let reference = try! JSONDecoder().decode(
        Reference.self, from: Data(contentsOf: datasetURL("reference/risk/risk.json")))

    private func run(_ name: String, _ reference: Reference.Case, penalty: String, format: String) throws -> CommandResult {
        try OutcomeReportProcess.run([
            "logistic", "--input", datasetURL("reference/risk/" + reference.file).path, "--outcome", reference.outcome,
            "--covariates", reference.covariates.joined(separator: ","), "--penalty", penalty, "--format", format,
        ])
    }

    /// CSV term,coef,se,z,p,lower95,upper95 equals glm's coefficients and SEs to 1e-6; the aliased column is empty.
    @Test(arguments: ["birthwt", "birthwt_aliased", "infert", "mtcars"])
    func logisticCSVMatchesGlm(_ name: String) throws {
        let expected = try #require(Self.reference.glm[name])
        let result = try run(name, expected, penalty: "none", format: "csv")
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0] == ["term", "coef", "se", "z", "p", "lower95", "upper95"])
        #expect(lines.dropFirst().map { $0[0] } == ["(Intercept)"] + expected.covariates)
        for (j, row) in lines.dropFirst().enumerated() {
            if let coef = expected.coef[j] {
                #expect(isClose(Double(row[1])!, coef, relative: 1e-6))
                #expect(isClose(Double(row[2])!, expected.se![j]!, relative: 1e-6))
                let z = Double(row[3])!, lower = Double(row[5])!, upper = Double(row[6])!
                #expect(isClose(z, coef / expected.se![j]!, relative: 1e-6))
                #expect(isClose((lower + upper) / 2, coef, relative: 1e-9, absolute: 1e-12))
            } else {
                #expect(row.dropFirst().allSatisfy { $0.isEmpty }, "aliased \(row[0])")
            }
        }
    }

    /// JSON adds deviance, null_deviance, aic (glm to 1e-6), auc, brier, n, converged, iterations and warnings.
    @Test func logisticJSONMatchesGlm() throws {
        let expected = try #require(Self.reference.glm["birthwt_aliased"])
        let result = try run("birthwt_aliased", expected, penalty: "none", format: "json")
        #expect(result.status == 0, "\(result.standardError)")
        let output = try JSONDecoder().decode(Output.self, from: Data(result.standardOutput.utf8))
        #expect(isClose(output.deviance, expected.deviance!, relative: 1e-6))
        #expect(isClose(output.null_deviance, expected.null_deviance!, relative: 1e-6))
        #expect(isClose(output.aic, expected.aic!, relative: 1e-6))
        #expect(output.n == 189 && output.converged && output.penalty == "none")
        #expect(output.warnings.count == 1 && output.warnings[0].contains("smoke_plus_ht"))
        #expect(output.coefficients[5].coef == nil)
        #expect(output.auc! > 0.5 && output.auc! < 1 && output.brier > 0)
    }

    /// --penalty firth equals the direct maximisation in R (risk.json firth.separation); the separated ML fit warns.
    @Test func firthAndSeparation() throws {
        let expected = try #require(Self.reference.firth["separation"])
        let firth = try JSONDecoder().decode(Output.self, from: Data(try run("separation", expected, penalty: "firth", format: "json").standardOutput.utf8))
        for (j, coefficient) in firth.coefficients.enumerated() {
            #expect(isClose(coefficient.coef!, expected.coef[j]!, relative: 1e-6))
        }
        #expect(firth.warnings.isEmpty && firth.penalty == "firth")
        let plain = try JSONDecoder().decode(Output.self, from: Data(try run("separation", expected, penalty: "none", format: "json").standardOutput.utf8))
        #expect(plain.warnings.contains { $0.contains("fitted-probabilities-at-bounds") })
        #expect(plain.warnings.contains { $0.contains("coefficient-may-be-infinite") && $0.contains("x:") })
    }

    /// --penalty ridge reports the chosen λ and is reproducible.
    @Test func ridgeReportsLambda() throws {
        let expected = try #require(Self.reference.glm["birthwt"])
        let first = try run("birthwt", expected, penalty: "ridge", format: "json")
        let again = try run("birthwt", expected, penalty: "ridge", format: "json")
        #expect(first.standardOutput == again.standardOutput)
        let output = try JSONDecoder().decode(Output.self, from: Data(first.standardOutput.utf8))
        #expect(output.lambda != nil && output.penalty == "ridge")
    }

    /// Bad input: a non-0/1 outcome names file, line and column; exit 1, nothing on standard output.
    @Test func logisticRejectsBadInput() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("logistic-\(UUID().uuidString).csv")
        try "y,x\n1,2\n0,3\n2,4\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try OutcomeReportProcess.run(["logistic", "--input", file.path, "--outcome", "y", "--covariates", "x"])
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.contains(":4") && result.standardError.contains("\"y\"") || result.standardError.contains("column y"),
                "\(result.standardError)")
        let missing = try OutcomeReportProcess.run(["logistic", "--input", file.path, "--outcome", "y", "--covariates", "z"])
        #expect(missing.status == 1 && missing.standardOutput.isEmpty && missing.standardError.hasPrefix("error:"))
    }

    /// risk fit writes a model and a performance table; risk score prints patient_id,risk for every patient, equal
    /// whether to a file or standard output; the model refuses a cohort folder that lacks what it needs.
    @Test func riskFitThenScore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("risk-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = folder.appendingPathComponent("model.json").path
        let cohort = datasetURL("ctn0094/cohort").path
        let fit = try OutcomeReportProcess.run(["risk", "fit", "--cohort", cohort, "--penalty", "none", "--folds", "3", "--model", model])
        #expect(fit.status == 0, "\(fit.standardError)")
        #expect(fit.standardOutput.hasPrefix("measure,apparent,cross_validated,held_out\npatients,2492,2492,\n"))
        let scored = try OutcomeReportProcess.run(["risk", "score", "--cohort", cohort, "--model", model])
        #expect(scored.status == 0, "\(scored.standardError)")
        let lines = scored.standardOutput.split(separator: "\n")
        #expect(lines.first == "patient_id,risk" && lines.count == 2_493)
        #expect(lines.dropFirst().allSatisfy { line in Double(line.split(separator: ",")[1]).map { $0 > 0 && $0 < 1 } ?? false })
        let output = folder.appendingPathComponent("scores.csv").path
        let toFile = try OutcomeReportProcess.run(["risk", "score", "--cohort", cohort, "--model", model, "--output", output])
        #expect(toFile.status == 0 && toFile.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == scored.standardOutput)
        let bad = try OutcomeReportProcess.run(["risk", "score", "--cohort", cohort, "--model", cohort + "/patients.csv"])
        #expect(bad.status == 1 && bad.standardOutput.isEmpty && bad.standardError.contains("not a relapse-risk model"))
        // A held-out share: its column is filled, and patients + held-out patients = the cohort.
        let heldOut = try OutcomeReportProcess.run([
            "risk", "fit", "--cohort", cohort, "--features", "baseline", "--penalty", "none", "--folds", "3",
            "--held-out", "0.2", "--model", model + ".held-out"])
        #expect(heldOut.status == 0, "\(heldOut.standardError)")
        let rows = heldOut.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let patients = try #require(rows.first { $0.first == "patients" })
        #expect(Int(patients[1])! + Int(patients[3])! == 2_492 && Int(patients[3])! > 400)
        #expect(Double(try #require(rows.first { $0.first == "auc" })[3]) != nil)
        let invalid = try OutcomeReportProcess.run(["risk", "fit", "--cohort", cohort, "--held-out", "0.7", "--model", model + "3"])
        #expect(invalid.status != 0 && invalid.standardOutput.isEmpty)
        let badOutcome = try OutcomeReportProcess.run(["risk", "fit", "--cohort", cohort, "--outcome", "Rs_nope", "--model", model + "2"])
        #expect(badOutcome.status == 1 && badOutcome.standardError.contains("Rs_nope"))
        #expect(!FileManager.default.fileExists(atPath: model + "2"))
    }
}
