import ArgumentParser
import Foundation

/// Runs a root command the way xena-mock's CLI promises: help on stdout, and any error as one line
/// on stderr with a non-zero exit, never a usage dump or stack trace.
enum CommandLineRunner {
    static func run(_ root: any ParsableCommand.Type, arguments: [String]? = nil) async -> Never {
        do {
            var command = try root.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            exit(EXIT_SUCCESS)
        } catch {
            let exitCode = root.exitCode(for: error)
            if exitCode == .success {
                ConsoleOutput.printLine(root.fullMessage(for: error))
                exit(EXIT_SUCCESS)
            }
            ConsoleOutput.printError("xena-mock: \(self.oneLine(root.message(for: error)))")
            exit(exitCode.rawValue == 0 ? EXIT_FAILURE : exitCode.rawValue)
        }
    }

    /// The first line of an error message, without ArgumentParser's "Error: " prefix.
    static func oneLine(_ message: String) -> String {
        var line = message.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? message
        if line.hasPrefix("Error: ") { line.removeFirst("Error: ".count) }
        return line
    }
}

/// Unbuffered console output, so lines reach a pipe or log file at once.
enum ConsoleOutput {
    static func printLine(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
