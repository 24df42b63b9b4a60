import Hummingbird
import Testing

@testable import XenaMock

/// Form decoding: the one-pass reader must read every text as Hummingbird's decoder does (the reference it replaced
/// on the hot path), so the texts are generated, not listed.
@Suite struct OAuthParametersTests {
    /// What Hummingbird's decoder makes of `text`: the pairs, "duplicate" or "invalid".
    static func reference(_ text: String) -> String {
        guard !text.isEmpty else { return "[]" }
        do {
            return "\(try URLEncodedFormDecoder().decode([String: String].self, from: text).sorted { $0.key < $1.key })"
        } catch let error as URLEncodedFormError where error.code == .duplicateKeys {
            return "duplicate"
        } catch {
            return "invalid"
        }
    }

    static func actual(_ text: String) -> String {
        do {
            return "\(try OAuthParameters(formEncoded: text).values.sorted { $0.key < $1.key })"
        } catch {
            return error.description.contains("more than once") ? "duplicate" : "invalid"
        }
    }

    @Test func readsEveryGeneratedTextAsHummingbirdsDecoderDoes() {
        // The characters that matter to the grammar, hex digits, a non-ASCII letter, and escapes of each.
        let pieces = ["a", "b", "=", "&", "+", "%", "2", "B", "f", "G", "[", "]", "ø", "%2B", "%26", "%3D", "%5B", "%ZZ", "%C3", "%A6", " "]
        var random = SplitMix64(seed: 20_261_202)
        var compared = 0
        for length in 0..<12 {
            for _ in 0..<1500 {
                let text = (0..<length).map { _ in pieces[random.index(pieces.count)] }.joined()
                let expected = Self.reference(text)
                #expect(Self.actual(text) == expected, "\(text)")
                compared += 1
            }
        }
        #expect(compared == 18_000)
    }

    @Test(arguments: [
        ("grant_type=client_credentials&scope=testapi", "[(key: \"grant_type\", value: \"client_credentials\"), (key: \"scope\", value: \"testapi\")]"),
        ("a=1&a=2", "duplicate"), ("a=%", "invalid"), ("a=%4", "invalid"), ("%zz=1", "invalid"),
        ("a=two+words%21", "[(key: \"a\", value: \"two words!\")]"), ("a+b=c", "[(key: \"a+b\", value: \"c\")]"),
        ("novalue&x=", "[(key: \"x\", value: \"\")]"), ("a[b]=c", "invalid"),
    ])
    func knownTexts(text: String, expected: String) {
        #expect(Self.actual(text) == expected)
        #expect(Self.reference(text) == expected)
    }
}
