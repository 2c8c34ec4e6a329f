/// ``SyntheticCohortParameters`` laid out for fast per-patient use: level names resolved to indices,
/// effects in arrays indexed by level, calendar dates parsed.
struct SyntheticModel: Sendable {
    let parameters: SyntheticCohortParameters
    let firstIndexDate: CivilDate
    let indexDateCount: Int
    let dataCutoffDate: CivilDate

    let siteNames: [String]
    let siteWeights: [Double]
    let medications: [Medication]
    let medicationWeights: [Double]
    let psychosocialNames: [String]
    let psychosocialWeights: [Double]
    /// `medication+psychosocial`, indexed `[medication][psychosocial]`.
    let armNames: [[String]]
    /// Whether a psychosocial level is an enhanced support (counseling, CBT, contingency management).
    let psychosocialIsEnhanced: [Bool]

    let dropoutEffects: ResolvedEffects
    let relapseEffects: ResolvedEffects
    let screenMedicationLogOdds: [Double]
    let screenPsychosocialLogOdds: [Double]
    let siteRecordsVAS: [Bool]
    let maintenanceSupplyDays: [Int]
    let maintenanceSupplyWeights: [Double]
    let nonAttendanceStatuses: [VisitStatus]
    let nonAttendanceWeights: [Double]
    /// Version 2: the psychosocial probabilities within the support and the alone group (0 outside it); `nil` in
    /// version 1.
    let supportWeights: [Double]?
    let aloneWeights: [Double]?

    /// Effects of ``CovariateEffects`` by level index.
    struct ResolvedEffects: Sendable {
        let medication: [Double]
        let psychosocial: [Double]
        let site: [Double]
        let effects: CovariateEffects

        init(_ effects: CovariateEffects, medications: [String], psychosocial: [String], sites: [String]) {
            func resolve(_ levels: [LevelEffect], _ names: [String]) -> [Double] {
                names.map { name in levels.first { $0.level == name }?.effect ?? 0 }
            }
            self.effects = effects
            self.medication = resolve(effects.medication, medications)
            self.psychosocial = resolve(effects.psychosocial, psychosocial)
            self.site = resolve(effects.site, sites)
        }

        /// β·x for one patient.
        func linearPredictor(_ patient: SyntheticBaseline) -> Double {
            var value = medication[patient.medication] + psychosocial[patient.psychosocial] + site[patient.site]
            value += effects.perTenYearsOfAgeAbove40 * Double(patient.age - 40) / 10
            if patient.female { value += effects.female }
            if patient.injectionUse { value += effects.injectionUse }
            if patient.homeless { value += effects.homeless }
            value += effects.perPriorEpisode * Double(patient.priorEpisodes)
            return value
        }
    }

    init(parameters: SyntheticCohortParameters) {
        self.parameters = parameters
        let calendar = parameters.calendar
        guard let first = CivilDate(iso8601: calendar.firstIndexDate),
            let last = CivilDate(iso8601: calendar.lastIndexDate),
            let cutoff = CivilDate(iso8601: calendar.dataCutoffDate), first <= last, last < cutoff
        else { preconditionFailure("SyntheticCohortParameters: invalid calendar") }
        firstIndexDate = first
        indexDateCount = first.days(to: last) + 1
        dataCutoffDate = cutoff

        let population = parameters.population
        let medications = population.medications.map { Medication(rawValue: $0.level)! }
        let psychosocialNames = population.psychosocialSupports.map(\.level)
        let siteNames = population.sites.map(\.level)
        self.siteNames = siteNames
        siteWeights = population.sites.map(\.probability)
        self.medications = medications
        medicationWeights = population.medications.map(\.probability)
        self.psychosocialNames = psychosocialNames
        psychosocialWeights = population.psychosocialSupports.map(\.probability)
        armNames = medications.map { medication in psychosocialNames.map { "\(medication.rawValue)+\($0)" } }
        psychosocialIsEnhanced = psychosocialNames.map { ["counseling", "CBT", "contingency-management"].contains($0) }

        let medicationNames = medications.map(\.rawValue)
        dropoutEffects = ResolvedEffects(
            parameters.retention.dropoutLogHazardRatios, medications: medicationNames,
            psychosocial: psychosocialNames, sites: siteNames)
        relapseEffects = ResolvedEffects(
            parameters.relapse.logOddsRatios, medications: medicationNames,
            psychosocial: psychosocialNames, sites: siteNames)
        let screens = parameters.urineScreens
        screenMedicationLogOdds = medicationNames.map { name in
            screens.medicationLogOdds.first { $0.level == name }?.effect ?? 0
        }
        screenPsychosocialLogOdds = psychosocialNames.map { name in
            screens.psychosocialLogOdds.first { $0.level == name }?.effect ?? 0
        }
        siteRecordsVAS = siteNames.map { parameters.craving.vasSites.contains($0) }
        maintenanceSupplyDays = parameters.adherence.maintenanceSupplyDays.map { Int($0.level)! }
        maintenanceSupplyWeights = parameters.adherence.maintenanceSupplyDays.map(\.probability)
        nonAttendanceStatuses = parameters.visits.nonAttendanceStatusProbabilities.map {
            VisitStatus(rawValue: $0.level)!
        }
        nonAttendanceWeights = parameters.visits.nonAttendanceStatusProbabilities.map(\.probability)
        if let assignment = parameters.supportAssignment {
            func weights(_ levels: [String]) -> [Double] {
                population.psychosocialSupports.map { levels.contains($0.level) ? $0.probability : 0 }
            }
            supportWeights = weights(assignment.supportLevels)
            aloneWeights = weights(assignment.aloneLevels)
        } else {
            supportWeights = nil
            aloneWeights = nil
        }
    }

    /// The psychosocial visits of a support level: counseling and CBT → `counseling`, contingency management →
    /// `group`, both weekly (then fortnightly after week 12); standard → `peer` every 4 weeks; none → `nil`.
    func psychosocialVisitKind(_ psychosocial: Int) -> (kind: String, everyWeeks: Int)? {
        switch psychosocialNames[psychosocial] {
        case "counseling", "CBT": ("counseling", 1)
        case "contingency-management": ("group", 1)
        case "standard": ("peer", 4)
        default: nil
        }
    }

    /// Whether week `week` has a psychosocial visit: weekly visits become fortnightly (even weeks) after the first
    /// 12 weeks.
    static func psychosocialScheduled(week: Int, every: Int) -> Bool {
        every == 1 && week >= 12 ? week % 2 == 0 : week % every == 0
    }

    /// A visit's status: attended with `probability`, else missed, cancelled or excused.
    func visitStatus(probability: Double, _ random: inout Xoshiro256StarStar) -> VisitStatus {
        if random.bernoulli(probability) { return .attended }
        return nonAttendanceStatuses[random.categorical(nonAttendanceWeights)]
    }
}

/// The independent random streams of one patient. Each sub-model draws from its own stream, so a change to
/// one sub-model leaves the draws of the others unchanged.
struct SyntheticStreams {
    var baseline: Xoshiro256StarStar
    var retention: Xoshiro256StarStar
    var adherence: Xoshiro256StarStar
    var craving: Xoshiro256StarStar
    var visits: Xoshiro256StarStar
    var screens: Xoshiro256StarStar
    /// Version 2 only: attendance and psychosocial visit statuses, drawn before the episode.
    var engagement: Xoshiro256StarStar

    init(seed: UInt64, patient: Int) {
        let stream = UInt64(patient)
        baseline = Xoshiro256StarStar(seed: seed, stream: stream)
        retention = Xoshiro256StarStar(seed: seed ^ 0x5245_5445_4E54_494F, stream: stream)
        adherence = Xoshiro256StarStar(seed: seed ^ 0x4144_4845_5245_4E43, stream: stream)
        craving = Xoshiro256StarStar(seed: seed ^ 0x4352_4156_494E_4721, stream: stream)
        visits = Xoshiro256StarStar(seed: seed ^ 0x5649_5349_5453_2121, stream: stream)
        screens = Xoshiro256StarStar(seed: seed ^ 0x5343_5245_454E_5321, stream: stream)
        engagement = Xoshiro256StarStar(seed: seed ^ 0x454E_4741_4745_4D21, stream: stream)
    }
}
