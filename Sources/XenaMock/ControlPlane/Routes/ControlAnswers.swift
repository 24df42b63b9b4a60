import Foundation

/// `GET /_mock/tokens`: the tokens signed lately, newest first.
struct TokensPage: Encodable {
    var capacity: Int
    var tokens: [IssuedTokenLog.Entry]
}

/// `GET /_mock/sessions`: the browser sessions (without their cookies) and the consents granted.
struct SessionsState: Encodable {
    var sessions: [SessionEntry]
    var consents: [ConsentRecord]
}

/// A browser session as the control API lists it.
struct SessionEntry: Encodable {
    var sid: String
    var sub: String
    var username: String?
    var authTime: Int64

    init(session: BrowserSession, username: String?) {
        self.sid = session.sessionID
        self.sub = session.subject
        self.username = username
        self.authTime = session.authTime
    }

    enum CodingKeys: String, CodingKey {
        case sid, sub, username
        case authTime = "auth_time"
    }
}
