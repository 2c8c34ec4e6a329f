import Foundation
import OutcomeStats
import Testing
import _OutcomeTestSupport

/// Kaplan–Meier curves, bands, quantiles and RMST against R 4.2.2 / survival 3.5.3
/// (datasets/reference/retention/make_reference.R, section "km": summary(survfit(...), censored = TRUE),
/// quantile(fit, c(.25, .5, .75)), summary(fit, rmean = tau)$table) on aml, lung, veteran, ovarian, colon and Rossi.
@Suite("Kaplan–Meier against R survival")
struct SurvivalKaplanMeierReferenceTests {
    static let tolerance = 1e-6

    static func curves(_ reference: [String: Any]) -> [(label: String, estimate: KaplanMeierEstimate)] {
        let table = SurvivalReference.table(reference["file"] as! String)
        let times = SurvivalReference.numbers(table, reference["time"] as! String)
        let events = SurvivalReference.numbers(table, reference["event"] as! String).map { $0 == 1 }
        guard let group = reference["group"] as? String else {
            return [("all", KaplanMeierEstimate(times: times, events: events))]
        }
        let labels = table[group]!
        return sortedLabels(labels).map { label in
            let rows = labels.indices.filter { labels[$0] == label }
            return (label, KaplanMeierEstimate(times: rows.map { times[$0] }, events: rows.map { events[$0] }))
        }
    }

    @Test("every case: rows, standard errors, three band types, quantiles, median and RMST",
          arguments: SurvivalReference.cases("km").keys.sorted())
    func reference(name: String) {
        let reference = SurvivalReference.cases("km")[name]!
        let level = ConfidenceLevel(reference.number("level"))
        let curves = Self.curves(reference)
        let rows = reference.object("rows")
        // Concatenate our groups in R's order.
        var times: [Double] = [], risk: [Double] = [], events: [Double] = [], censored: [Double] = []
        var survival: [Double] = [], errors: [Double?] = []
        for (_, curve) in curves {
            times += curve.times
            risk += curve.atRisk.map(Double.init)
            events += curve.events.map(Double.init)
            censored += curve.censored.map(Double.init)
            survival += curve.survival
            errors += curve.standardErrors
        }
        #expect(times == rows.numbers("time"), "\(name): times")
        #expect(risk == rows.numbers("n_risk") && events == rows.numbers("n_event")
                && censored == rows.numbers("n_censor"), "\(name): counts")
        for (index, expected) in rows.numbers("survival").enumerated() {
            #expect(isClose(survival[index], expected, relative: Self.tolerance, absolute: 1e-14), "\(name) S row \(index)")
        }
        for (index, expected) in rows.optionalNumbers("std_err").enumerated() {
            #expect(agree(errors[index], expected, relative: Self.tolerance), "\(name) std.err row \(index)")
        }
        let bands = reference.object("bands")
        for type in SurvivalIntervalType.allCases {
            let band = bands.object(type.rawValue)
            var lower: [Double?] = [], upper: [Double?] = []
            for (_, curve) in curves {
                let bounds = curve.confidenceBounds(type, level: level)
                lower += bounds.lower
                upper += bounds.upper
            }
            for (index, expected) in band.optionalNumbers("lower").enumerated() {
                #expect(agree(lower[index], expected, relative: Self.tolerance), "\(name) \(type) lower row \(index)")
            }
            for (index, expected) in band.optionalNumbers("upper").enumerated() {
                #expect(agree(upper[index], expected, relative: Self.tolerance), "\(name) \(type) upper row \(index)")
            }
            let quantiles = band.object("quantiles")
            let probabilities = quantiles.numbers("probs")
            // R's quantile matrices are groups × probabilities, serialised row by row.
            func matrix(_ key: String) -> [[Double?]] {
                if let nested = quantiles[key] as? [[Any]] { return nested.map { $0.map { ($0 as? NSNumber)?.doubleValue } } }
                return [quantiles.optionalNumbers(key)]
            }
            let estimate = matrix("estimate"), lowerQ = matrix("lower"), upperQ = matrix("upper")
            for (g, (label, curve)) in curves.enumerated() {
                for (j, probability) in probabilities.enumerated() {
                    let q = curve.quantile(probability, type: type, level: level)
                    #expect(agree(q.estimate, estimate[g][j], relative: Self.tolerance), "\(name) \(label) \(type) q\(probability)")
                    #expect(agree(q.lower, lowerQ[g][j], relative: Self.tolerance), "\(name) \(label) \(type) q\(probability) lower")
                    #expect(agree(q.upper, upperQ[g][j], relative: Self.tolerance), "\(name) \(label) \(type) q\(probability) upper")
                }
            }
        }
        let summary = reference.object("summary")
        let tau = summary.number("tau")
        let medians = summary.optionalNumbers("median"), lowers = summary.optionalNumbers("median_lower")
        let uppers = summary.optionalNumbers("median_upper")
        let means = summary.numbers("rmst"), meanErrors = summary.numbers("rmst_se")
        for (g, (label, curve)) in curves.enumerated() {
            let median = curve.median(level: level)
            #expect(agree(median.estimate, medians[g], relative: Self.tolerance), "\(name) \(label) median")
            #expect(agree(median.lower, lowers[g], relative: Self.tolerance), "\(name) \(label) median lower")
            #expect(agree(median.upper, uppers[g], relative: Self.tolerance), "\(name) \(label) median upper")
            let restricted = curve.restrictedMean(upTo: tau)
            #expect(isClose(restricted.estimate, means[g], relative: Self.tolerance), "\(name) \(label) rmean")
            #expect(isClose(restricted.standardError, meanErrors[g], relative: Self.tolerance), "\(name) \(label) se(rmean)")
        }
    }
}
