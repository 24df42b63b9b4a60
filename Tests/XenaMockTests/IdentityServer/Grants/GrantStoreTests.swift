import Foundation
import Testing

@testable import XenaMock

@Suite struct GrantStoreTests {
    static func code(_ clock: MockClock, family: String = TokenIdentifier.makeFamily()) -> GrantStore.CodeRecord {
        GrantStore.CodeRecord(
            familyID: family, clientID: "c", redirectURI: "http://127.0.0.1/cb", subject: "s", scopes: ["openid"], nonce: nil, pkce: nil,
            login: LoginSession(sessionID: "sid", authTime: clock.nowSeconds), expiresAt: clock.nowSeconds + 300)
    }

    static func refresh(_ clock: MockClock) -> GrantStore.RefreshTokenRecord {
        GrantStore.RefreshTokenRecord(
            familyID: TokenIdentifier.makeFamily(), clientID: "c", subject: "s", scopes: ["offline_access"],
            login: LoginSession(sessionID: "sid", authTime: clock.nowSeconds), issuedAt: clock.nowSeconds, expiresAt: clock.nowSeconds + 3600)
    }

    @Test func theStoreIsBoundedAndPurgesExpiredEntries() {
        let clock = MockClock()
        let store = GrantStore(clock: clock, capacity: 10)
        for index in 0..<25 {
            store.storeCode("code-\(index)", Self.code(clock))
            store.storeRefreshToken("refresh-\(index)", Self.refresh(clock))
        }
        #expect(store.counts.codes == 10)
        #expect(store.counts.refreshTokens == 10)
        // The newest are kept.
        if case .redeemed = store.redeemCode("code-24") {} else { Issue.record("newest code dropped") }
        if case .unknown = store.redeemCode("code-0") {} else { Issue.record("oldest code kept") }

        clock.advance(by: 3601)
        store.purgeExpired()
        #expect(store.counts.codes == 0)
        #expect(store.counts.refreshTokens == 0)
    }

    @Test func aReplayedCodeRevokesEveryTokenOfItsFamily() {
        let clock = MockClock()
        let store = GrantStore(clock: clock)
        let family = TokenIdentifier.makeFamily()
        store.storeCode("c1", Self.code(clock, family: family))
        let tokenID = TokenIdentifier.make(inFamily: family)
        let unrelated = TokenIdentifier.make(inFamily: TokenIdentifier.makeFamily())
        if case .redeemed = store.redeemCode("c1") {} else { Issue.record("first use refused") }
        #expect(!store.isAccessTokenRevoked(id: tokenID))
        if case .reused = store.redeemCode("c1") {} else { Issue.record("replay not detected") }
        #expect(store.isAccessTokenRevoked(id: tokenID))
        #expect(!store.isAccessTokenRevoked(id: unrelated))
    }
}
