import Foundation
import Testing
import _OutcomeTestSupport

/// The survival commands run as a user would, on the R fixtures (datasets/reference/retention, R 4.2.2,
/// survival 3.5.3): output columns, values against reference.json, and bad input.
@Suite("km, logrank, cox and cif commands")
struct RetentionCommandTests {
    static let folder = datasetURL("reference/retention").path

    static func reference() throws -> [String: Any] {
        let data = try Data(contentsOf: datasetURL("reference/retention/reference.json"))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    static func rows(_ csv: String) -> [[String]] {
        csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func number(_ any: Any?) -> Double? { (any as? NSNumber)?.doubleValue }

    @Test("km: columns and every row of aml by group match R; undefined values are empty fields")
    func km() throws {
        let result = try OutcomeReportProcess.run(["km", "--input", "\(Self.folder)/aml.csv", "--time", "time", "--event", "status", "--group", "x"])
        #expect(result.status == 0 && result.standardError.isEmpty)
        let rows = Self.rows(result.standardOutput)
        #expect(rows[0] == ["group", "time", "n_risk", "n_event", "n_censor", "survival", "std_err", "lower", "upper"])
        let reference = (try Self.reference()["km"] as! [String: Any])["aml"] as! [String: Any]
        let expected = reference["rows"] as! [String: Any]
        let band = (reference["bands"] as! [String: Any])["log"] as! [String: Any]
        let columns: [(String, [Any])] = [
            ("time", expected["time"] as! [Any]), ("n_risk", expected["n_risk"] as! [Any]),
            ("survival", expected["survival"] as! [Any]), ("std_err", expected["std_err"] as! [Any]),
            ("lower", band["lower"] as! [Any]), ("upper", band["upper"] as! [Any]),
        ]
        #expect(rows.count - 1 == (expected["time"] as! [Any]).count)
        for (name, values) in columns {
            let column = rows[0].firstIndex(of: name)!
            for (index, value) in values.enumerated() {
                let field = rows[index + 1][column]
                if let number = Self.number(value) {
                    #expect(isClose(Double(field) ?? .nan, number, relative: 1e-6, absolute: 1e-14), "\(name) row \(index)")
                } else {
                    #expect(field.isEmpty, "\(name) row \(index): R has NA")
                }
            }
        }
        #expect(rows.last![0] == "Nonmaintained" && rows.last![6].isEmpty)
    }

    @Test("km --summary: R survival 3.5.3 aml values (median 27 [18, 45], RMST 36.364 ± 9.854 to 161)")
    func summary() throws {
        let result = try OutcomeReportProcess.run(["km", "--input", "\(Self.folder)/aml.csv", "--time", "time", "--event", "status", "--summary", "--tau", "161"])
        let rows = Self.rows(result.standardOutput)
        #expect(rows[0] == ["group", "n", "events", "median", "median_lower", "median_upper", "rmst", "rmst_se"])
        #expect(Array(rows[1].prefix(6)) == ["all", "23", "18", "27", "18", "45"])
        #expect(isClose(Double(rows[1][6])!, 36.364, absolute: 5e-4) && isClose(Double(rows[1][7])!, 9.854, absolute: 5e-4))
    }

    @Test("logrank with strata matches survdiff")
    func logrank() throws {
        let result = try OutcomeReportProcess.run(["logrank", "--input", "\(Self.folder)/veteran.csv", "--time", "time", "--event", "status",
                                                   "--group", "celltype", "--strata", "trt"])
        let rows = Self.rows(result.standardOutput)
        let reference = (try Self.reference()["logrank"] as! [String: Any])["veteran_celltype_by_trt"] as! [String: Any]
        #expect(rows[0] == ["chisq", "df", "p"])
        #expect(isClose(Double(rows[1][0])!, Self.number(reference["chisq"])!, relative: 1e-6) && rows[1][1] == "3")
        #expect(isClose(Double(rows[1][2])!, Self.number(reference["p"])!, relative: 1e-6))
    }

    @Test("cox --cluster: coefficients, robust errors, z and p as R; json carries the fit statistics; --ph-test")
    func cox() throws {
        let reference = (try Self.reference()["cox"] as! [String: Any])["colon_cluster"] as! [String: Any]
        let arguments = ["cox", "--input", "\(Self.folder)/colon.csv", "--time", "time", "--event", "status",
                         "--covariates", "rx_lev,rx_lev5fu,sex,age", "--strata", "etype", "--cluster", "id"]
        let rows = Self.rows(try OutcomeReportProcess.run(arguments).standardOutput)
        #expect(rows[0] == ["term", "coef", "exp_coef", "se", "robust_se", "z", "p", "lower95", "upper95"])
        for (j, coefficient) in (reference["coef"] as! [Any]).enumerated() {
            #expect(isClose(Double(rows[j + 1][1])!, Self.number(coefficient)!, relative: 1e-6))
            #expect(isClose(Double(rows[j + 1][4])!, Self.number((reference["robust_se"] as! [Any])[j])!, relative: 1e-4))
            #expect(isClose(Double(rows[j + 1][6])!, Self.number((reference["p"] as! [Any])[j])!, relative: 1e-4))
        }
        let json = try OutcomeReportProcess.run(arguments + ["--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [String: Any]
        #expect(Set(object.keys).isSuperset(of: ["coefficients", "loglik_null", "loglik", "concordance", "n", "events", "iterations", "converged", "warnings"]))
        #expect(isClose(Self.number(object["concordance"])!, Self.number(reference["concordance"])!, relative: 1e-6))
        #expect(object["n"] as? Int == 1858 && object["converged"] as? Bool == true)
        let ph = Self.rows(try OutcomeReportProcess.run(arguments + ["--ph-test"]).standardOutput)
        #expect(ph[0] == ["term", "chisq", "df", "p"] && ph.last![0] == "GLOBAL" && ph.last![2] == "4")
        let zph = reference["zph"] as! [String: Any]
        #expect(isClose(Double(ph.last![1])!, Self.number((zph["chisq"] as! [Any]).last)!, relative: 1e-4))
    }

    @Test("cox without --robust leaves robust_se empty; an aliased column is reported, not fatal")
    func aliased() throws {
        let result = try OutcomeReportProcess.run(["cox", "--input", "\(Self.folder)/lung_aliased.csv", "--time", "time", "--event", "status",
                                                   "--covariates", "age,sex,age_plus_sex,ph_ecog"])
        #expect(result.status == 0)
        let rows = Self.rows(result.standardOutput)
        #expect(rows[1][4].isEmpty && rows[3] == ["age_plus_sex", "", "", "", "", "", "", "", ""])
        #expect(result.standardError.contains("age_plus_sex") && result.standardError.contains("aliased"))
    }

    @Test("cif: the competing-risk example of docs/Retention.md at the requested times")
    func cif() throws {
        let result = try OutcomeReportProcess.run(["cif", "--input", "\(Self.folder)/cif_toy.csv", "--time", "time", "--status", "status", "--times", "12,30"])
        let rows = Self.rows(result.standardOutput)
        #expect(rows[0] == ["time", "cause", "cif", "std_err"])
        #expect(rows.count == 5 && rows[1][0] == "12" && rows[1][1] == "1" && isClose(Double(rows[1][2])!, 0.275, relative: 1e-12))
        #expect(rows[4][1] == "2" && isClose(Double(rows[4][2])!, 0.575, relative: 1e-12))
    }

    @Test("bad input: error names file, line and column; exit 1; nothing on standard output",
          arguments: [
            ("time,status\n1,1\n2,2\n", ["km", "--time", "time", "--event", "status"], ":3: column \"status\""),
            ("time,status\n1,1\n-2,0\n", ["km", "--time", "time", "--event", "status"], ":3: column \"time\": time -2.0 is negative"),
            ("time,status\n1,1\nabc,0\n", ["logrank", "--time", "time", "--event", "status", "--group", "status"], ":3: column \"time\""),
            ("time,status,x\n1,1,2\n", ["cox", "--time", "time", "--event", "status", "--covariates", "y"], ":1: column \"y\": no such column"),
            ("time,status\n1,1.5\n", ["cif", "--time", "time", "--status", "status"], ":2: column \"status\""),
          ])
    func badInput(contents: String, arguments: [String], message: String) throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).csv")
        try Data(contents.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try OutcomeReportProcess.run([arguments[0], "--input", file.path] + arguments.dropFirst())
        #expect(result.status == 1 && result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("error: ") && result.standardError.contains(message), "\(result.standardError)")
    }
}
