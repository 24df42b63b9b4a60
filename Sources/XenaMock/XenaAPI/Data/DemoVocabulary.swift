/// Danish demo-company words the data generator draws from, in the flavour of the hand-written fixtures.
enum DemoVocabulary {
    static let companies = [
        "Fjordkaffe ApS", "Nørrebro Cykler ApS", "Tømrer Hansen & Søn", "Vesterbro Bageri", "Aarhus Grafisk A/S", "Lyngby Revision",
        "Skagen Fiskeeksport", "Odense Elservice", "Roskilde Blomster", "Nordsjællands VVS", "Aalborg Vinhandel", "Esbjerg Maskinfabrik",
    ]
    static let people = [
        "Mette Jensen", "Lars Nielsen", "Anne Hansen", "Peter Pedersen", "Sofie Andersen", "Jens Christensen", "Camilla Larsen",
        "Henrik Sørensen", "Ida Rasmussen", "Mads Jørgensen",
    ]
    static let streets = ["Vestergade", "Nørregade", "Strandvejen", "Algade", "Jernbanegade", "Søndergade", "Kongensgade", "Havnevej"]
    static let cities = [
        ("1050", "København K"), ("2200", "København N"), ("8000", "Aarhus C"), ("5000", "Odense C"), ("9000", "Aalborg"),
        ("4000", "Roskilde"), ("6700", "Esbjerg"), ("2800", "Kongens Lyngby"),
    ]
    static let things = [
        "Kaffebønner 1 kg", "Konsulenttime", "Bycykel 7 gear", "Montering", "Fragt", "Kontorartikler", "Husleje", "Reparation", "Abonnement",
        "Rådgivning", "Tømmer 45x95", "Service", "Licens", "Rengøring", "Transport",
    ]
    static let words = ["Drift", "Salg", "Indkøb", "Lager", "Projekt", "Kontor", "Værksted", "Administration", "Marketing", "Service"]
    static let notes = ["Leveres på adressen.", "Aftalt pr. telefon.", "Betales ved levering.", "Se vedhæftede bilag.", "Husk ordrenummer."]
    static let emailDomains = ["fjordkaffe.dk", "example.dk", "demo.dk", "firma.dk"]

    /// Words for the names of reference data, by what the definition is about: a country's name is a country.
    private static let themes: [(definition: String, names: [String], codes: [String])] = [
        (
            "Country", ["Danmark", "Sverige", "Norge", "Tyskland", "Storbritannien", "Frankrig", "Finland", "Island"],
            ["DK", "SE", "NO", "DE", "GB", "FR", "FI", "IS"]
        ),
        (
            "Currency", ["Danske kroner", "Euro", "Svenske kroner", "Norske kroner", "Amerikanske dollar", "Britiske pund"],
            ["DKK", "EUR", "SEK", "NOK", "USD", "GBP"]
        ),
        (
            "Culture", ["Dansk (Danmark)", "Engelsk (Storbritannien)", "Svensk (Sverige)", "Norsk (Norge)", "Tysk (Tyskland)"],
            ["da-DK", "en-GB", "sv-SE", "nb-NO", "de-DE"]
        ),
        (
            "Vat", ["Salgsmoms 25%", "Købsmoms 25%", "Momsfri", "EU-salg varer", "EU-køb ydelser", "Eksport"],
            ["S25", "K25", "MF", "EUV", "EUY", "EKS"]
        ),
        ("Unit", ["Stk.", "Timer", "Kilogram", "Meter", "Dage", "Liter"], ["STK", "TIM", "KG", "M", "DAG", "L"]),
        (
            "Bank", ["Danske Bank", "Nordea", "Jyske Bank", "Sydbank", "Nykredit Bank", "Arbejdernes Landsbank"],
            ["3000", "2000", "7xxx", "6xxx", "5470", "5301"]
        ),
        ("PaymentTerm", ["Netto 8 dage", "Netto 14 dage", "Løbende måned + 30 dage", "Kontant"], ["N8", "N14", "LM30", "KONT"]),
        ("TermsOfPayment", ["Netto 8 dage", "Netto 14 dage", "Løbende måned + 30 dage", "Kontant"], ["N8", "N14", "LM30", "KONT"]),
    ]

    /// A name or code for `property` of a reference-data `definition` (`CountryDto.Name` → `Danmark`), or nil when
    /// the definition is no reference data or the property no name.
    static func themed(definition: String, property: String, random: inout SplitMix64) -> String? {
        guard let theme = Self.themes.first(where: { definition.hasPrefix($0.definition) }) else { return nil }
        let index = random.index(theme.names.count)
        switch property {
        case "Name", "Description", "TranslatedName", "DisplayName", "LongDescription": return theme.names[index]
        case "Abbreviation", "Code", "Culture", "CountryCode", "CurrencyCode", "Iso": return theme.codes[index % theme.codes.count]
        default: return nil
        }
    }
}
