/// Random identifiers for tokens, codes and sessions.
enum TokenIdentifier {
    /// 128 random bits as 32 upper-case hex digits, the shape of IdentityServer4's `jti` and `sid`.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16, uppercase: true)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// A grant family's id: 64 random bits as 16 upper-case hex digits.
    static func makeFamily() -> String {
        String(self.make().prefix(16))
    }

    /// An access token id that starts with its grant family's id, so revoking the family revokes the token
    /// without the server remembering every token it issued.
    static func make(inFamily familyID: String?) -> String {
        guard let familyID else { return self.make() }
        return familyID + self.make().prefix(16)
    }

    /// The family an access token id belongs to, if it has one.
    static func family(ofTokenID tokenID: String) -> String? {
        tokenID.count == 32 ? String(tokenID.prefix(16)) : nil
    }

    /// 256 random bits, URL-safe: for authorization codes and refresh tokens that must not be guessed.
    static func makeSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Base64URL.encode(bytes)
    }
}
