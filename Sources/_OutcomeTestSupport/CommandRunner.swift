import Foundation

/// What a run of the `outcome-report` executable produced.
public struct CommandResult: Sendable {
    /// The exit status, or the signal number when the process was killed by a signal (see ``killedBySignal``).
    public let status: Int32
    public var killedBySignal = false
    public let standardOutput: String
    public let standardError: String
}

/// Runs the built `outcome-report` executable as a separate process, the way a user would.
public enum OutcomeReportProcess {
    /// The executable next to the test runner (Linux: the build folder itself; macOS: beside the `.xctest`
    /// bundle), falling back to `<repository>/.build/debug`.
    public static func executable(named name: String = "outcome-report") throws -> URL {
        var folders: [URL] = []
        if let runner = Bundle.main.executableURL { folders.append(runner.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL)
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(repositoryRoot.appendingPathComponent(".build/debug"))
        let candidates = folders.map { $0.appendingPathComponent(name) }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [
                NSFilePathErrorKey: "\(name) not found in \(candidates.map(\.path))",
            ])
        }
        return found
    }

    /// Runs `outcome-report arguments…` with `environment` added to this process's environment, in
    /// `currentDirectory` when given.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: URL? = nil,
        executable name: String = "outcome-report", standardOutput target: FileHandle? = nil
    ) throws -> CommandResult {
        let process = Process()
        process.executableURL = try executable(named: name)
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = target ?? output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes concurrently so a full stderr pipe cannot block the child while we read stdout.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(error.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        if target != nil { try? output.fileHandleForWriting.close() }
        let outputData = target == nil ? output.fileHandleForReading.readDataToEndOfFile() : Data()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return CommandResult(
            status: process.terminationStatus, killedBySignal: process.terminationReason == .uncaughtSignal,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData.value, as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}
