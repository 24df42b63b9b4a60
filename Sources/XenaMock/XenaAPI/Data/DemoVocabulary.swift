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
}
