import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "report", abstract: "(being built)")

    func run() async throws {
        throw ValidationError("`report` is not built yet")
    }
}
