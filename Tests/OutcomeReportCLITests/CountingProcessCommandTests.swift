import Foundation
import Testing
import _OutcomeTestSupport

/// `cox --start/--weights` and `km --weights` run as a user would, on the R fixtures of datasets/reference/stats
/// (cox-counting-process.R and km-weighted.R; R 4.2.2, survival 3.5.3).
@Suite("cox --start/--weights and km --weights commands")
struct CountingProcessCommandTests {
    static let folder = datasetURL("reference/stats").path

    /// A CSV as rows of unquoted fields.
    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
    }

    /// quantity → values of one case of cox-counting-process.csv.
    static func coxReference(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOfFile: "\(folder)/cox-counting-process.csv", encoding: .utf8)
        var values: [String: [Double]] = [:]
        for row in rows(text).dropFirst() where row[0] == name { values[row[1], default: []].append(Double(row[3])!) }
        return values
    }

    static func expectCoefficients(_ output: String, _ reference: [String: [Double]], robust: Bool, _ label: String) {
        let table = rows(output)
        #expect(table[0] == ["term", "coef", "exp_coef", "se", "robust_se", "z", "p", "lower95", "upper95"])
        for (j, coefficient) in reference["coef"]!.enumerated() {
            #expect(isClose(Double(table[j + 1][1])!, coefficient, relative: 1e-6), "\(label) coef \(j)")
            #expect(isClose(Double(table[j + 1][3])!, reference["se"]![j], relative: 1e-6), "\(label) se \(j)")
            if robust {
                #expect(isClose(Double(table[j + 1][4])!, reference["robust_se"]![j], relative: 1e-5), "\(label) robust se \(j)")
            } else {
                #expect(table[j + 1][4].isEmpty, "\(label) robust se \(j) empty")
            }
        }
    }

    @Test("cox --start --weights --strata --cluster: coefficients, errors, robust errors and JSON statistics as R")
    func coxWeighted() throws {
        let reference = try Self.coxReference("small_efron_strata_cluster_weighted")
        let arguments = ["cox", "--input", "\(Self.folder)/cox-counting-process-small.csv", "--start", "start",
                         "--time", "stop", "--event", "event", "--covariates", "dose,age", "--strata", "stratum",
                         "--cluster", "id", "--weights", "weight"]
        let result = try OutcomeReportProcess.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        Self.expectCoefficients(result.standardOutput, reference, robust: true, "small")
        let json = try OutcomeReportProcess.run(arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [String: Any]
        #expect(isClose((object["concordance"] as! NSNumber).doubleValue, reference["concordance"]![0], relative: 1e-6))
        #expect(isClose((object["loglik"] as! NSNumber).doubleValue, reference["loglik"]![0], relative: 1e-6))
        #expect(object["n"] as? Int == 17 && object["events"] as? Int == 8)
    }

    @Test("cox --start alone is not robust; --weights other than 1 turn the robust variance on, as R")
    func coxRobustRule() throws {
        let file = "\(Self.folder)/cox-counting-process-simulated.csv"
        let plain = try OutcomeReportProcess.run(["cox", "--input", file, "--start", "start", "--time", "stop",
                                                  "--event", "event", "--covariates", "dose,treated,age"])
        Self.expectCoefficients(plain.standardOutput, try Self.coxReference("simulated_efron"), robust: false, "simulated")
        let weighted = try OutcomeReportProcess.run(["cox", "--input", file, "--start", "start", "--time", "stop",
                                                     "--event", "event", "--covariates", "dose,treated,age",
                                                     "--weights", "weight", "--ties", "breslow"])
        Self.expectCoefficients(weighted.standardOutput, try Self.coxReference("simulated_breslow_weighted"), robust: true,
                                "simulated weighted")
    }

    @Test("km --weights: weighted counts, S, the jackknife or Greenwood std.err and bounds as R, per group")
    func kmWeighted() throws {
        let result = try OutcomeReportProcess.run(["km", "--input", "\(Self.folder)/km-weighted-data.csv", "--time", "time",
                                                   "--event", "status", "--weights", "weight", "--group", "case"])
        #expect(result.status == 0, "\(result.standardError)")
        let output = Self.rows(result.standardOutput)
        #expect(output[0] == ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        let reference = Self.rows(try String(contentsOfFile: "\(Self.folder)/km-weighted.csv", encoding: .utf8))
            .dropFirst().filter { $0[1] == "log" }
        #expect(output.count - 1 == reference.count)
        // Both sorted by group label then time.
        let expected = reference.sorted { ($0[0], Double($0[2])!) < ($1[0], Double($1[2])!) }
        for (row, want) in zip(output.dropFirst(), expected) {
            #expect(row[0] == want[0] && Double(row[1]) == Double(want[2]), "\(row) vs \(want)")
            for (column, index) in [(2, 3), (3, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 9)] {
                if want[index] == "NA" {
                    #expect(row[column].isEmpty, "\(want[0]) \(want[2]) column \(column)")
                } else {
                    #expect(isClose(Double(row[column])!, Double(want[index])!, relative: 1e-9, absolute: 1e-14),
                            "\(want[0]) \(want[2]) column \(column)")
                }
            }
        }
    }

    @Test("bad start or weight: the error names file, line and column; exit 1; nothing on standard output",
          arguments: [
            ("start,time,status,x\n0,2,1,1\n3,3,0,2\n", ["cox", "--start", "start", "--covariates", "x"],
             ":3: column \"start\": start 3.0 is not before the time 3.0 in column \"time\""),
            ("start,time,status,x\n0,2,1,1\nx,3,0,2\n", ["cox", "--start", "start", "--covariates", "x"], ":3: column \"start\""),
            ("time,status,x,w\n1,1,1,1\n2,0,2,0\n", ["cox", "--weights", "w", "--covariates", "x"],
             ":3: column \"w\": weight 0.0 is not positive"),
            ("time,status,w\n1,1,-1\n2,0,2\n", ["km", "--weights", "w"], ":2: column \"w\": weight -1.0 is not positive"),
            ("time,status,w\n1,1,1\n2,0,\n", ["km", "--weights", "w"], ":3: column \"w\""),
          ])
    func badInput(contents: String, arguments: [String], message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try Data(contents.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try OutcomeReportProcess.run(
            [arguments[0], "--input", file.path, "--time", "time", "--event", "status"] + arguments.dropFirst())
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("error: ") && result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("--ph-test refuses --start and --weights; km --weights refuses --summary")
    func refusedCombinations() throws {
        let cox = try OutcomeReportProcess.run(["cox", "--input", "\(Self.folder)/cox-counting-process-small.csv", "--start", "start",
                                                "--time", "stop", "--event", "event", "--covariates", "dose", "--ph-test"])
        #expect(cox.status != 0 && cox.standardOutput.isEmpty && cox.standardError.contains("--ph-test"))
        let km = try OutcomeReportProcess.run(["km", "--input", "\(Self.folder)/km-weighted-data.csv", "--time", "time",
                                               "--event", "status", "--weights", "weight", "--summary"])
        #expect(km.status != 0 && km.standardOutput.isEmpty && km.standardError.contains("--summary"))
    }
}
