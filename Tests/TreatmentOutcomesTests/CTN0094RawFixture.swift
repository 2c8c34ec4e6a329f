import Foundation

/// A tiny hand-made CTN-0094 source folder: four participants (who 3 never randomized), rows out of order, an empty
/// `when` in three tables, an empty withdrawal value, a visit without a disposition, `Thc` beside the panel's `THC`,
/// and CTN-0051's `Sedatives` positives under the panel's `Barbiturate`.
enum CTN0094RawFixture {
    static var files: [String: String] {
        [
            "everybody.csv": """
                "who","project"
                5,"51"
                1,"27"
                2,"30"
                3,"27"

                """,
            "randomization.csv": """
                "who","treatment","which","when"
                2,"Outpatient BUP + EMM","1",7
                2,"Outpatient BUP + EMM","2",40
                1,"Methadone","1",3
                5,"Inpatient NR-NTX","1",10

                """,
            "site_masked.csv": "\"who\",\"site_masked\"\n1,\"21\"\n2,\"35\"\n3,\"9\"\n5,\"2\"\n",
            "demographics.csv": """
                "who","age","is_hispanic","race","job","is_living_stable","education","marital","is_male"
                1,43,"No","White","Full Time","Yes","More than HS","Married or Partnered","Yes"
                2,,"Yes","Other",,"No","HS/GED","Never married","No"
                3,30,"No","White","Full Time","Yes","More than HS","Never married","Yes"
                5,25,"No","Black","Part Time","Yes","Less than HS","Never married",

                """,
            "psychiatric.csv": """
                "who","has_schizophrenia","has_major_dep","has_bipolar","has_anx_pan","depression"
                5,"No","Yes","No","No","Yes"
                1,"No","No","No","Yes","No"
                2,,,,,
                3,"No","No","No","No","No"

                """,
            "asi.csv": "\"who\",\"used_iv\"\n1,\"No\"\n2,\"Yes\"\n3,\"No\"\n5,\"Yes\"\n",
            "qol.csv": "\"who\",\"is_homeless\"\n3,\"Yes\"\n5,\"No\"\n",
            "treatment.csv": """
                "who","amount","when"
                2,16,9
                1,30,3
                2,4,7
                3,8,1
                1,40,5
                5,1,12

                """,
            "uds.csv": """
                "who","what","when"
                1,"Opioid",10
                1,"Thc",10
                2,"Opioid",7
                5,"Sedatives",12
                5,"Mdma/Hallucinogen",12
                3,"Opioid",2

                """,
            "uds_temp.csv": """
                "who","was_temp_ok","when"
                1,"1",10
                1,"0",17
                2,"1",14
                5,"99",

                """,
            "meta_substance_groups_uds.csv": """
                "Substance","CTN-0027","CTN-0030","CTN-0051"
                "Alcohol","Alcohol","NO","NO"
                "Barbiturate","NO","NO","Barbiturate"
                "Cannabinoids","THC","THC","THC"
                "Opiate 300","Opioid","Opioid","Opioid"
                "Oxycodone","Opioid","Opioid","Opioid"

                """,
            "visit.csv": """
                "who","visit","what","is_no_show","is_in_jail","is_in_hospital","is_illness","when"
                1,"WK1","visit",,,,,10
                1,"WK2","no visit","1",,,,17
                1,"WK3","no visit",,"1",,,24
                1,"WK4","MISSING",,,,,
                2,"BASELINE","",,,,,7
                2,"P1Finl","final",,,,"1",20
                5,"WK1","no visit",,,"1",,19
                3,"WK1","visit",,,,,5
                5,"WK2","MISSING",,,,"1",26

                """,
            "withdrawal.csv": """
                "who","withdrawal","when"
                5,"2",11
                1,"1",3
                2,"0",8
                1,,6
                2,"3",
                3,"1",1
                1,"0",4

                """,
        ]
    }

    /// The cohort files the importer must write for ``files`` (derived by hand from the rules in docs/CTN0094.md).
    static let expected: [String: String] = [
        "patients.csv": """
            patient_id,site,arm,medication,psychosocial,trial,age,sex,race,hispanic,job,living_stable,education,\
            marital,major_depression,bipolar,schizophrenia,anxiety_panic,iv_use,homeless
            1,21,Methadone,methadone,standard,CTN-0027,43,male,White,No,Full Time,Yes,More than HS,Married or Partnered,\
            No,No,No,Yes,No,
            2,35,Outpatient BUP + EMM,buprenorphine,counseling,CTN-0030,,female,Other,Yes,,No,HS/GED,Never married,,,,,Yes,
            5,2,Inpatient NR-NTX,naltrexone,standard,CTN-0051,25,,Black,No,Part Time,Yes,Less than HS,Never married,\
            Yes,No,No,No,Yes,No

            """,
        "doses.csv": "patient_id,day,amount\n1,0,30\n1,2,40\n2,0,4\n2,2,16\n5,2,1\n",
        "screens.csv": """
            patient_id,day,substance,result
            1,7,alcohol,negative
            1,7,opioid,positive
            1,7,thc,positive
            1,14,alcohol,negative
            1,14,opioid,negative
            1,14,thc,negative
            2,0,opioid,positive
            2,0,thc,negative
            2,7,opioid,negative
            2,7,thc,negative
            5,2,mdma/hallucinogen,positive
            5,2,opioid,negative
            5,2,sedatives,positive
            5,2,thc,negative

            """,
        "visits.csv": """
            patient_id,day,kind,status
            1,7,study,attended
            1,14,study,missed
            1,21,study,excused
            2,13,study,attended
            5,9,study,excused
            5,16,study,excused

            """,
        "assessments.csv": """
            patient_id,day,instrument,item,score
            1,0,COWS,severity,1
            1,1,COWS,severity,0
            2,1,COWS,severity,0
            5,1,SOWS,severity,2

            """,
    ]
}
