import ArgumentParser
import Foundation
import OutcomeReports

/// `outcome-report endpoints`: the CTN-0094 urine-screen endpoint library over use-pattern words.
struct EndpointsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "endpoints",
        abstract: "Compute the 54 published urine-screen endpoints (62 columns) of the CTN-0094 library.",
        discussion: """
            Reads a CSV file with one use-pattern word per participant (symbols + positive, - negative, o missing, \
            * mixed, _ not scheduled; one symbol per study week) and prints CSV: the id column first, then one \
            column per endpoint result, named as in the CTN-0094 outcome table (Ab_ctnNinetyFour_2023, \
            RsT_ctnNinetyFour_2023, RsE_ctnNinetyFour_2023, Rd_lingA_1976, …). Booleans print TRUE/FALSE; counts, \
            times and event indicators (1 event, 0 censored) print as integers; proportions and scores in full \
            precision. An empty field is R's NA (a word shorter than the endpoint's window).

            --only keeps some endpoints: names such as lingA_1976 or column names such as RsT_ctnNinetyFour_2023, \
            comma-separated; a column name brings its endpoint's other column (RsT_ with RsE_), and \
            ctnNinetyFour_2023 selects the abstinence, relapse and dropout endpoints). \
            --list prints the catalogue: each column's endpoint, group, result type, citation, definition and \
            missing-visit rule.

            By default the published code (CTNote 0.1.3) is reproduced exactly, quirks included; \
            --convention corrected applies the corrections listed in docs/UrineScreenOutcomes.md.

            The bundled words: datasets/ctn0094/use_patterns_uds.csv (columns who, usePatternUDS).
            """)

    enum Convention: String, ExpressibleByArgument, CaseIterable {
        case ctnote
        case corrected

        var value: UsePatternConvention { self == .ctnote ? .ctnote : .corrected }
    }

    @Option(help: ArgumentHelp("CSV file with the words.", valueName: "file"))
    var input: String?

    @Option(name: .customLong("id-column"), help: ArgumentHelp("The participant id column.", valueName: "name"))
    var idColumn = "who"

    @Option(name: .customLong("pattern-column"), help: ArgumentHelp("The word column.", valueName: "name"))
    var patternColumn = "usePatternUDS"

    @Option(help: ArgumentHelp("Only these endpoints or columns, comma-separated.", valueName: "names"))
    var only: String?

    @Flag(help: "Print the endpoint catalogue instead of computing.")
    var list = false

    @Option(help: "ctnote (reproduce the published code) or corrected.")
    var convention: Convention = .ctnote

    func validate() throws {
        if !list && input == nil { throw ValidationError("--input is required (or --list for the catalogue)") }
    }

    func selectedEndpoints() throws -> [UrineScreenEndpoint] {
        guard let only else { return UrineScreenEndpoint.all }
        var selected: [UrineScreenEndpoint] = []
        for name in only.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            let matches = UrineScreenEndpoint.named(name)
            guard !matches.isEmpty else {
                throw ValidationError("--only: no endpoint or column \"\(name)\" (see --list)")
            }
            for endpoint in matches {
                let key = endpoint.columns[0].name
                if !selected.contains(where: { $0.columns[0].name == key }) { selected.append(endpoint) }
            }
        }
        guard !selected.isEmpty else { throw ValidationError("--only names no endpoint") }
        // keep the catalogue's order
        return UrineScreenEndpoint.all.filter { endpoint in selected.contains { $0.columns[0] == endpoint.columns[0] } }
    }

    func run() throws {
        let output = try reportingFailures { () throws -> String in
            let endpoints = try selectedEndpoints()
            if list { return CSVRenderer.render(UrineScreenEndpointTables.catalogue(endpoints)) }
            let file = try UsePatternFile(
                url: URL(fileURLWithPath: input!), displayName: input!, identifierColumn: idColumn,
                patternColumn: patternColumn)
            return CSVRenderer.render(UrineScreenEndpointTables.results(
                identifierColumn: idColumn, identifiers: file.identifiers, patterns: file.patterns,
                endpoints: endpoints, convention: convention.value))
        }
        try writeToStandardOutput(output)
    }
}
