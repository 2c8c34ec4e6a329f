import Testing
@testable import TreatmentOutcomes

@Suite("CTN-0094 vocabulary mapping")
struct CTN0094MappingTests {
    @Test("Arms map to medication and psychosocial support")
    func arms() {
        let cases: [(String, Medication, String)] = [
            ("Methadone", .methadone, "standard"),
            ("Outpatient BUP", .buprenorphine, "standard"),
            ("Outpatient BUP + EMM", .buprenorphine, "counseling"),
            ("Outpatient BUP + SMM", .buprenorphine, "standard"),
            ("Inpatient BUP", .buprenorphine, "standard"),
            ("Inpatient NR-NTX", .naltrexone, "standard"),
        ]
        for (arm, medication, psychosocial) in cases {
            #expect(CTN0094Mapping.medication(arm: arm) == medication, "\(arm)")
            #expect(CTN0094Mapping.psychosocial(arm: arm) == psychosocial, "\(arm)")
        }
        #expect(CTN0094Mapping.medication(arm: "Detox") == nil)
        #expect(CTN0094Mapping.medication(arm: "BUPRENORPHINE") == nil)
    }

    @Test("Trials, instruments and substance names")
    func names() {
        #expect(CTN0094Mapping.trial(project: "27") == "CTN-0027")
        #expect(CTN0094Mapping.trial(project: "51") == "CTN-0051")
        #expect(CTN0094Mapping.trial(project: "94") == nil)
        #expect(CTN0094Mapping.withdrawalInstrument(trial: "CTN-0030") == "COWS")
        #expect(CTN0094Mapping.withdrawalInstrument(trial: "CTN-0051") == "SOWS")
        #expect(CTN0094Mapping.substance("Thc") == CTN0094Mapping.substance("THC"))
        #expect(CTN0094Mapping.substance("Barbiturate") == "sedatives")
        #expect(CTN0094Mapping.substance("Sedatives") == "sedatives")
        #expect(CTN0094Mapping.substance("Mdma/Hallucinogen") == "mdma/hallucinogen")
    }

    @Test("Visit dispositions and reason flags map to a status")
    func visits() {
        #expect(CTN0094Mapping.visitStatus(what: "visit", inJail: true, inHospital: false, ill: false) == .attended)
        #expect(CTN0094Mapping.visitStatus(what: "final", inJail: false, inHospital: false, ill: false) == .attended)
        #expect(CTN0094Mapping.visitStatus(what: "no visit", inJail: false, inHospital: false, ill: false) == .missed)
        #expect(CTN0094Mapping.visitStatus(what: "MISSING", inJail: false, inHospital: false, ill: false) == .missed)
        #expect(CTN0094Mapping.visitStatus(what: "no visit", inJail: true, inHospital: false, ill: false) == .excused)
        #expect(CTN0094Mapping.visitStatus(what: "MISSING", inJail: false, inHospital: true, ill: false) == .excused)
        #expect(CTN0094Mapping.visitStatus(what: "no visit", inJail: false, inHospital: false, ill: true) == .excused)
        #expect(CTN0094Mapping.visitStatus(what: "", inJail: false, inHospital: false, ill: false) == nil)
        #expect(CTN0094Mapping.visitStatus(what: "Visit", inJail: false, inHospital: false, ill: false) == nil)
    }
}
