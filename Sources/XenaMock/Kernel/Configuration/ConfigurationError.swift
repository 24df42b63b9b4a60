/// A problem with the options or files the mock was started with, told in one line.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The one-line explanation shown to the user.
    public let message: String

    /// An error with its one-line message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { self.message }
}
