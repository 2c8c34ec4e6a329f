import ArgumentParser

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(being built)")

    func run() async throws {
        throw ValidationError("`import` is not built yet")
    }
}
