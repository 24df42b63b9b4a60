extension StringProtocol {
    /// The text without leading and trailing spaces and tabs, trimmed in Swift: Foundation's `trimmingCharacters`
    /// bridges through NSString, which showed up in profiles of every API request.
    var trimmedSpacesAndTabs: SubSequence {
        let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = self.firstIndex(where: { !isBlank($0) }), let last = self.lastIndex(where: { !isBlank($0) }) else {
            return self[self.endIndex...]
        }
        return self[first...last]
    }
}
