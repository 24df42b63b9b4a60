import Foundation
import Testing

@testable import XenaMock

/// The redirect's percent-encoding must be Foundation's `addingPercentEncoding` with RFC 3986's unreserved set, which
/// it replaced on the hot path; the texts are generated.
@Suite struct PercentEncodingTests {
    @Test func encodesEveryGeneratedTextAsFoundationDoes() {
        var unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        unreserved.insert(charactersIn: "-._~")
        let pieces = ["a", "Z", "0", "9", "-", ".", "_", "~", " ", "+", "%", "&", "=", "/", "?", "#", "ø", "é", "€", "😀", "\u{0}", "\n", "\u{7F}"]
        var random = SplitMix64(seed: 7)
        for length in 0..<10 {
            for _ in 0..<500 {
                let text = (0..<length).map { _ in pieces[random.index(pieces.count)] }.joined()
                #expect(PercentEncoding.encode(text) == text.addingPercentEncoding(withAllowedCharacters: unreserved), "\(text)")
            }
        }
    }
}
