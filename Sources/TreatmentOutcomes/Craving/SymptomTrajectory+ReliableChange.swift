import OutcomeStats

extension SymptomTrajectory {
    /// One instrument's values per patient-day, as the trajectory analyses them: POMP totals, or harmonised severity
    /// levels when any assessment records only a severity code (bands are never mixed with totals).
    struct Series {
        let usesSeverityLevels: Bool
        /// In the order of the scores (patient, day).
        let patient: [Int32]
        let day: [Int32]
        let value: [Double]

        /// `nil` when `scores` has no total or severity level of `instrument`.
        /// The series is the instrument's severity levels when any score of it has one, else its totals (as percent of
        /// the maximum possible). Two passes over `scores`, no intermediate copies.
        init?(_ scores: [InstrumentScore], instrument: Instrument) {
            let name = instrument.name
            var totals = 0, levels = 0
            for score in scores where score.instrument == name {
                if score.severityLevel != nil { levels += 1 }
                if score.total != nil { totals += 1 }
            }
            let hasLevel = levels > 0
            guard totals > 0 || hasLevel else { return nil }
            usesSeverityLevels = hasLevel
            var patient: [Int32] = [], day: [Int32] = [], value: [Double] = []
            // exactly as long as they will be (appending would leave up to as much again unused)
            let count = hasLevel ? levels : totals
            patient.reserveCapacity(count)
            day.reserveCapacity(count)
            value.reserveCapacity(count)
            for score in scores where score.instrument == name {
                if hasLevel {
                    guard let level = score.severityLevel else { continue }
                    value.append(Double(level))
                } else {
                    guard let total = score.total else { continue }
                    value.append(instrument.percentOfMaximumPossible(total))
                }
                patient.append(score.patient)
                day.append(score.day)
            }
            self.patient = patient
            self.day = day
            self.value = value
        }
    }

    /// What reliable change is judged by, estimated from a whole series (docs/Craving.md, "Reliable and clinically
    /// significant change"):
    ///
    /// ```
    /// r_xx = Pearson correlation of the test–retest pairs (each patient's first two consecutive assessments,
    ///        the first on or after retestFirstDay, retestGapDays apart); undefined with fewer than 3 pairs
    /// s₁   = SD (n − 1) of the baselines (each patient's latest value in baselineDays)
    /// rule = ReliableChange(s₁, r_xx) when 0 ≤ r_xx < 1 and s₁ > 0, else none
    /// ```
    /// (Why not the first two assessments for r_xx: see ``SymptomTrajectory``.)
    struct Calibration {
        let reliability: Double?
        let retestPairs: Int
        let baselineStandardDeviation: Double?
        let rule: ReliableChange?

        /// - Precondition: the series is in patient, day order.
        init(_ series: Series, options: Options, higherIsWorse: Bool) {
            let pairs = Self.retestPairs(series, options: options)
            retestPairs = pairs.count
            let reliability = Self.correlation(pairs)
            self.reliability = reliability
            var baselines: [Int32: Double] = [:]
            for row in series.patient.indices where options.baselineDays.contains(series.day[row]) {
                baselines[series.patient[row]] = series.value[row]
            }
            let spread = baselines.isEmpty ? nil : SampleMoments(Array(baselines.values)).standardDeviation
            baselineStandardDeviation = spread
            guard let reliability, reliability >= 0, reliability < 1, let spread, spread > 0 else {
                rule = nil
                return
            }
            rule = ReliableChange(baselineStandardDeviation: spread, reliability: reliability, higherIsWorse: higherIsWorse)
        }

        /// Each patient's first pair of consecutive assessments with the first on or after `retestFirstDay` and the
        /// gap in `retestGapDays`.
        private static func retestPairs(_ series: Series, options: Options) -> [(Double, Double)] {
            let (patient, day, value) = (series.patient, series.day, series.value)
            var pairs: [(Double, Double)] = [], done: Set<Int32> = []
            for row in patient.indices.dropLast() where patient[row + 1] == patient[row] && !done.contains(patient[row]) {
                guard day[row] >= options.retestFirstDay, options.retestGapDays.contains(day[row + 1] - day[row]) else { continue }
                pairs.append((value[row], value[row + 1]))
                done.insert(patient[row])
            }
            return pairs
        }

        private static func correlation(_ pairs: [(Double, Double)]) -> Double? {
            guard pairs.count >= 3 else { return nil }
            let n = Double(pairs.count)
            let mx = pairs.reduce(0) { $0 + $1.0 } / n, my = pairs.reduce(0) { $0 + $1.1 } / n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for (x, y) in pairs { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx); syy += (y - my) * (y - my) }
            guard sxx > 0, syy > 0 else { return nil }
            return sxy / (sxx * syy).squareRoot()
        }
    }
}

extension SymptomTrajectory.Options {
    /// The week whose change from baseline is judged for reliable change: the last follow-up week.
    public var reliableChangeWeek: Int { followUpWeeks.last! }
}

extension ReliableChange {
    /// Whether the change from `pre` to `post` is a reliable improvement (category improved or recovered).
    public func isReliableImprovement(pre: Double, post: Double) -> Bool {
        let category = category(pre: pre, post: post)
        return category == .improved || category == .recovered
    }
}
