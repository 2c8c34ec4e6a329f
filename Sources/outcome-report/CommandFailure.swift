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

/// Writes all of `text` to standard output and checks every write: a failure (a full disk, `> /dev/full`, a
/// closed file) prints `error: cannot write to standard output: …` and exits 1, so a cut result never looks like a
/// whole one. A reader that went away (`| head`) ends the command quietly with status 0, as Unix tools do.
func writeToStandardOutput(_ text: String) throws {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { buffer in
            write(STDOUT_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
        }
        if written < 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EPIPE { throw ExitCode.success }
            printToStandardError("error: cannot write to standard output: \(String(cString: strerror(code)))\n")
            throw ExitCode.failure
        }
        offset += written
    }
}
