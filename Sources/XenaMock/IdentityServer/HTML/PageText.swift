/// Every text of the login, one-time-code and consent pages, in one language.
struct PageText: Sendable {
    var logInTitle: String
    var logInHeading: String
    /// "{client} asks you to log in."
    var asksToLogIn: @Sendable (String) -> String
    var usernameLabel: String
    var passwordLabel: String
    var logInButton: String
    var cancelButton: String
    var wrongPassword: String
    var demoUsersHeading: String
    var demoUsersNote: String
    /// "Log in as {name}"
    var logInAs: @Sendable (String) -> String
    var codeTitle: String
    var codeHeading: String
    var codeExplanation: String
    var codeLabel: String
    var confirmButton: String
    var wrongCode: String
    var consentTitle: String
    /// "is asking for access as {user} to:"
    var asksForAccess: @Sendable (String) -> String
    /// The legend of the scopes' checkboxes.
    var scopesLegend: String
    var rememberLabel: String
    var allowButton: String
    var denyButton: String
    var expiredTitle: String
    var expiredHeading: String
    var expiredExplanation: String
    var footer: String
    var scopeDescriptions: [String: String]
    /// "Your Xena data through the API ({scope})"
    var apiScopeDescription: @Sendable (String) -> String

    static let english = PageText(
        logInTitle: "Log in", logInHeading: "Log in to Xena", asksToLogIn: { "\($0) asks you to log in." },
        usernameLabel: "Email or username", passwordLabel: "Password", logInButton: "Log in", cancelButton: "Cancel",
        wrongPassword: "Wrong username or password.", demoUsersHeading: "Demo users",
        demoUsersNote: "This is a test double: log in as one of its users with one click.", logInAs: { "Log in as \($0)" },
        codeTitle: "2-step verification", codeHeading: "Enter your code",
        codeExplanation: "We sent a 6-digit code by SMS to the phone number on your account.", codeLabel: "Code", confirmButton: "Confirm",
        wrongCode: "The code is wrong. Try again.", consentTitle: "Allow access",
        asksForAccess: { "is asking for access as \($0) to:" }, scopesLegend: "What the app may see and do", rememberLabel: "Remember my decision",
        allowButton: "Allow",
        denyButton: "Deny", expiredTitle: "Request expired", expiredHeading: "This sign-in request has expired",
        expiredExplanation: "Go back to the application and start again.",
        footer: "xena-mock — a test double of Xena's login. Not for production use.",
        scopeDescriptions: [
            StandardScope.openID: "Your user identifier",
            StandardScope.profile: "Your profile: name, language and picture",
            StandardScope.email: "Your email address",
            StandardScope.offlineAccess: "Access while you are away (refresh tokens)",
        ],
        apiScopeDescription: { "Your Xena data through the API (\($0))" })

    static let danish = PageText(
        logInTitle: "Log ind", logInHeading: "Log ind på Xena", asksToLogIn: { "\($0) beder dig logge ind." },
        usernameLabel: "E-mail eller brugernavn", passwordLabel: "Adgangskode", logInButton: "Log ind", cancelButton: "Annuller",
        wrongPassword: "Forkert brugernavn eller adgangskode.", demoUsersHeading: "Demobrugere",
        demoUsersNote: "Dette er en testattrap: log ind som en af dens brugere med ét klik.", logInAs: { "Log ind som \($0)" },
        codeTitle: "2-trins-bekræftelse", codeHeading: "Indtast din kode",
        codeExplanation: "Vi har sendt en 6-cifret kode på SMS til telefonnummeret på din konto.", codeLabel: "Kode",
        confirmButton: "Bekræft", wrongCode: "Koden er forkert. Prøv igen.", consentTitle: "Giv adgang",
        asksForAccess: { "beder om adgang som \($0) til:" }, scopesLegend: "Hvad programmet må se og gøre", rememberLabel: "Husk mit valg",
        allowButton: "Tillad", denyButton: "Afvis",
        expiredTitle: "Anmodningen er udløbet", expiredHeading: "Denne log ind-anmodning er udløbet",
        expiredExplanation: "Gå tilbage til programmet og start forfra.",
        footer: "xena-mock — en testattrap af Xenas log ind. Ikke til produktion.",
        scopeDescriptions: [
            StandardScope.openID: "Dit bruger-id",
            StandardScope.profile: "Din profil: navn, sprog og billede",
            StandardScope.email: "Din e-mailadresse",
            StandardScope.offlineAccess: "Adgang mens du er væk (refresh tokens)",
        ],
        apiScopeDescription: { "Dine Xena-data gennem API'et (\($0))" })

    /// What a scope grants, in words.
    func describe(scope: String) -> String {
        self.scopeDescriptions[scope] ?? self.apiScopeDescription(scope)
    }
}
