extension StringProtocol {
    /// The text without leading and trailing spaces and tabs, trimmed in Swift: Foundation's `trimmingCharacters`
    /// bridges through NSString, which showed up in profiles of every API request.
    var trimmedSpacesAndTabs: SubSequence {
        self.trimming { $0 == " " || $0 == "\t" }
    }

    /// The text without the leading and trailing characters that `isTrimmed` picks.
    func trimming(where isTrimmed: (Character) -> Bool) -> SubSequence {
        guard let first = self.firstIndex(where: { !isTrimmed($0) }), let last = self.lastIndex(where: { !isTrimmed($0) }) else {
            return self[self.endIndex...]
        }
        return self[first...last]
    }
}
