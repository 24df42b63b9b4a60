import ExtrasBase64

/// Base64url without padding (RFC 4648 §5), as JWS, JWK, PKCE and the mock's random secrets write it.
enum Base64URL {
    static func encode(_ bytes: some Sequence<UInt8>) -> String {
        Base64.encodeToString(bytes: Array(bytes), options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }

    static func decode(_ text: String) throws -> [UInt8] {
        try Base64.decode(string: text, options: [.base64UrlAlphabet, .omitPaddingCharacter])
    }
}
