import Foundation
import HTTPTypes

/// The languages of the login, one-time-code and consent pages: Danish and English, as Xena's login offers them.
enum PageLanguage: String, Sendable, CaseIterable {
    case danish = "da"
    case english = "en"

    /// The page language: the first supported one of the request's `ui_locales` (OpenID Connect Core §3.1.2.1), else
    /// of the browser's `Accept-Language` by preference, else English.
    static func choose(uiLocales: [String], acceptLanguage: String?) -> PageLanguage {
        for locale in uiLocales {
            if let language = Self.matching(locale) { return language }
        }
        let preferences = (acceptLanguage ?? "").split(separator: ",").enumerated().compactMap { position, item -> (String, Double, Int)? in
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, !tag.isEmpty else { return nil }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return (tag, quality, position)
        }
        for (tag, quality, _) in preferences.sorted(by: { ($0.1, -$0.2) > ($1.1, -$1.2) }) where quality > 0 {
            if let language = Self.matching(tag) { return language }
        }
        return .english
    }

    /// The language a BCP 47 tag (`da-DK`, `en`) asks for, if supported.
    private static func matching(_ tag: String) -> PageLanguage? {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return PageLanguage(rawValue: primary)
    }

    /// The texts of the pages in this language.
    var text: PageText { self == .danish ? .danish : .english }
}
