import ArgumentParser
import XenaMock

/// The `xena-mock` executable: parses the command line and runs the library's commands.
@main
struct XenaMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xena-mock",
        abstract: "A local stand-in for Xena's identity server and REST API, for tests. Never use it in production.",
        subcommands: [ServeCommand.self, TokenCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    static func main() async {
        await CommandLineRunner.run(Self.self)
    }
}
