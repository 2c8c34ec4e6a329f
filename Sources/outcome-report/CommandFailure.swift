import ArgumentParser
import Foundation
import OutcomeReports

/// Runs a command's work so that any error reaches the user the same way from every command: one line
/// `error: <message>` on standard error, exit code 1, and nothing on standard output (commands build their whole
/// output before printing it).
func reportingFailures<Result>(_ work: () throws -> Result) throws -> Result {
    do {
        return try work()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

/// Writes `text` to standard error (progress and summaries; standard output carries only the result).
func printToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
