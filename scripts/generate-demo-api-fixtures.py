#!/usr/bin/env python3
"""Writes the demo data of the stub Xena API under fixtures/api/ (deterministic: run it again, get the same files).

Three companies: alice's Nørrebro Cykler ApS (30 partners, so paging matters) and Fjordkaffe A/S, and bob's
Bobs Tømrerfirma ApS. Field names, PascalCase and the *Days date convention follow Xena's API contracts.
Edit this script and rerun it rather than editing the JSON by hand, or edit the JSON and leave the script be:
the server reads only the JSON.
"""
import datetime
import json
import os

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "api")
EPOCH = datetime.date(1970, 1, 1)


def days(year, month, day):
    return (datetime.date(year, month, day) - EPOCH).days


def stamp(year, month, day, hour=9, minute=0):
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:00.000Z"


def address(name, street, zip_code, city):
    return {"Name": name, "Street": street, "PlaceName": None, "Zip": zip_code, "City": city, "CountryName": "DK",
            "CountryDisplayName": "Danmark", "Description": f"{name}, {street}, {zip_code} {city}"}


def base(entity_id, fiscal_id, created, version=1, deactivated=False):
    return {"Id": entity_id, "Version": version, "IsDeactivated": deactivated, "FiscalSetupId": fiscal_id, "CreatedAt": created}


def totals(net, cost):
    return {"PriceNettTotal": round(net, 2), "CostTotal": round(cost, 2), "DiscountTotal": 0.0,
            "MarginTotal": round(net - cost, 2), "VatEstTotal": round(net * 0.25, 2)}


FISCAL_SETUPS = [
    {"Id": 104200311, "Version": 7, "IsDeactivated": False, "RegisteredForVat": True, "IsAccountant": False,
     "CurrencyAbbreviation": "DKK", "Culture": "da-DK", "FiscalSetupType": "Free", "OrgNumber": "31245678",
     "Phone": "+45 35 12 34 56", "Email": "kontakt@norrebrocykler.example.dk", "Website": "https://norrebrocykler.example.dk",
     "Address": address("Nørrebro Cykler ApS", "Jagtvej 120", "2200", "København N"), "CreatedAt": stamp(2021, 2, 1, 8),
     "LogoId": None, "AccountantId": None, "ProviderId": None, "XenaSubscriptionId": 7700311},
    {"Id": 104200312, "Version": 3, "IsDeactivated": False, "RegisteredForVat": True, "IsAccountant": False,
     "CurrencyAbbreviation": "DKK", "Culture": "da-DK", "FiscalSetupType": "Free", "OrgNumber": "29876543",
     "Phone": "+45 86 12 90 90", "Email": "ordre@fjordkaffe.example.dk", "Website": "https://fjordkaffe.example.dk",
     "Address": address("Fjordkaffe A/S", "Åboulevarden 18", "8000", "Aarhus C"), "CreatedAt": stamp(2022, 5, 9, 10),
     "LogoId": None, "AccountantId": None, "ProviderId": None, "XenaSubscriptionId": 7700312},
    {"Id": 104200313, "Version": 2, "IsDeactivated": False, "RegisteredForVat": True, "IsAccountant": False,
     "CurrencyAbbreviation": "DKK", "Culture": "da-DK", "FiscalSetupType": "Free", "OrgNumber": "38112233",
     "Phone": "+45 66 14 22 10", "Email": "bob@toemrer.example.dk", "Website": "https://toemrer.example.dk",
     "Address": address("Bobs Tømrerfirma ApS", "Vestergade 7", "5000", "Odense C"), "CreatedAt": stamp(2023, 1, 16, 7),
     "LogoId": None, "AccountantId": None, "ProviderId": None, "XenaSubscriptionId": 7700313},
]

PARTNER_NAMES = {
    104200311: [
        ("Fjordkaffe A/S", "Åboulevarden 18", "8000", "Aarhus C", "company"), ("Cykelkurér Nord ApS", "Nørrebrogade 44", "2200", "København N", "company"),
        ("Mette Kristensen", "Blågårdsgade 3", "2200", "København N", "person"), ("Hansen & Søn Engros A/S", "Industrivej 12", "2600", "Glostrup", "company"),
        ("Dansk Dæk Import ApS", "Havnegade 9", "5000", "Odense C", "company"), ("Lars Poulsen", "Stefansgade 21", "2200", "København N", "person"),
        ("Københavns Kommune", "Rådhuspladsen 1", "1550", "København V", "company"), ("Grøn Mobilitet I/S", "Vesterbrogade 101", "1620", "København V", "company"),
        ("Sofie Andersen", "Griffenfeldsgade 30", "2200", "København N", "person"), ("Nordisk Kædefabrik A/S", "Fabriksvej 4", "7100", "Vejle", "company"),
        ("Peter Madsen", "Rantzausgade 8", "2200", "København N", "person"), ("Bycykler Aarhus ApS", "Frederiks Allé 55", "8000", "Aarhus C", "company"),
        ("Hjul & Gear ApS", "Amagerbrogade 150", "2300", "København S", "company"), ("Anne Larsen", "Fælledvej 12", "2200", "København N", "person"),
        ("Shimano Nordic Distribution A/S", "Brøndby Havnevej 2", "2605", "Brøndby", "company"), ("Café Fælleden", "Sankt Hans Torv 2", "2200", "København N", "company"),
        ("Jens Thomsen", "Elmegade 14", "2200", "København N", "person"), ("Vesterbro Bude ApS", "Istedgade 60", "1650", "København V", "company"),
        ("Mads Jørgensen", "Guldbergsgade 33", "2200", "København N", "person"), ("Lygte & Lys ApS", "Jernbanegade 5", "4000", "Roskilde", "company"),
        ("Københavns Cykelsmed", "Tagensvej 70", "2200", "København N", "company"), ("Karen Nielsen", "Kapelvej 2", "2200", "København N", "person"),
        ("Transportcentret Køge A/S", "Havnen 1", "4600", "Køge", "company"), ("Frederiksberg Skolecykler I/S", "Falkoner Allé 20", "2000", "Frederiksberg", "company"),
        ("Rasmus Pedersen", "Ryesgade 90", "2100", "København Ø", "person"), ("Dæk-Discount Danmark ApS", "Roskildevej 300", "2610", "Rødovre", "company"),
        ("Camilla Holm", "Baggesensgade 4", "2200", "København N", "person"), ("Byens Budservice ApS", "Sølvgade 10", "1307", "København K", "company"),
        ("Jysk Cykelgrossist A/S", "Silkeborgvej 200", "8230", "Åbyhøj", "company"), ("Tobias Møller", "Nannasgade 25", "2200", "København N", "person"),
    ],
    104200312: [
        ("Nørrebro Cykler ApS", "Jagtvej 120", "2200", "København N", "company"), ("Kaffebønnen Import A/S", "Kalkbrænderihavnsgade 2", "2100", "København Ø", "company"),
        ("Aarhus Universitet, Kantinen", "Nordre Ringgade 1", "8000", "Aarhus C", "company"), ("Louise Bech", "Mejlgade 40", "8000", "Aarhus C", "person"),
        ("Ristebrødrene ApS", "Vestergade 3", "8000", "Aarhus C", "company"), ("Mælkeriet Jylland A.m.b.a.", "Mejerivej 1", "8600", "Silkeborg", "company"),
    ],
    104200313: [
        ("Odense Boligselskab", "Kongensgade 10", "5000", "Odense C", "company"), ("Trælasten Fyn A/S", "Tværvej 2", "5260", "Odense S", "company"),
        ("Henrik Lund", "Overgade 20", "5000", "Odense C", "person"), ("Svendborg Bådebyggeri ApS", "Havnepladsen 4", "5700", "Svendborg", "company"),
        ("Maria Friis", "Nørregade 11", "5000", "Odense C", "person"),
    ],
}

ARTICLES = {
    104200311: [
        ("CYK-100", "Bycykel 7 gear", 4995.0, 2900.0, "stk"), ("CYK-200", "Ladcykel Christiania-model", 18995.0, 12500.0, "stk"),
        ("CYK-300", "Racercykel carbon", 24995.0, 16000.0, "stk"), ("DAEK-28", "Dæk 28\" punkteringssikret", 349.0, 150.0, "stk"),
        ("SLANG-28", "Slange 28\"", 69.0, 22.0, "stk"), ("LYGTE-LED", "LED-lygtesæt for og bag", 299.0, 110.0, "sæt"),
        ("KAEDE-8", "Kæde 8 gear", 199.0, 70.0, "stk"), ("LAAS-FOLD", "Foldelås", 649.0, 300.0, "stk"),
        ("SERV-STOR", "Stort cykeleftersyn", 895.0, 0.0, "stk"), ("SERV-LILLE", "Lille cykeleftersyn", 450.0, 0.0, "stk"),
        ("TIME-MEK", "Mekanikertime", 595.0, 0.0, "time"), ("HJELM-VOKS", "Cykelhjelm voksen", 499.0, 200.0, "stk"),
    ],
    104200312: [
        ("KAF-ESP-1KG", "Espressobønner 1 kg", 249.0, 120.0, "stk"), ("KAF-FILT-500", "Filterkaffe 500 g", 89.0, 40.0, "stk"),
        ("MASK-PRO", "Espressomaskine Pro", 12995.0, 8000.0, "stk"), ("KOP-PAP-100", "Papkopper 100 stk", 79.0, 30.0, "pk"),
        ("SERV-MASK", "Service af espressomaskine", 1200.0, 0.0, "stk"),
    ],
    104200313: [
        ("TIME-TOMR", "Tømrertime", 525.0, 0.0, "time"), ("BRAED-22", "Terrassebrædder 22x95 mm", 39.0, 18.0, "m"),
        ("SKRUE-RF", "Rustfri skruer 500 stk", 289.0, 120.0, "pk"), ("KOERSEL", "Kørsel", 350.0, 0.0, "stk"),
    ],
}

LEDGER_TAGS = [
    (1010, "Salg af varer", "Revenue", "U25"), (1020, "Salg af ydelser", "Revenue", "U25"), (1310, "Vareforbrug", "Expense", "I25"),
    (2210, "Husleje", "Expense", "I25"), (2250, "El, vand og varme", "Expense", "I25"), (2800, "Lønninger", "Expense", None),
    (3010, "Reklame og annoncer", "Expense", "I25"), (3610, "Telefon og internet", "Expense", "I25"), (4210, "Renteudgifter", "Expense", None),
    (5610, "Debitorer", "Asset", None), (5810, "Bank", "Asset", None), (6810, "Kreditorer", "Liability", None),
    (6900, "Salgsmoms", "Liability", None), (6910, "Købsmoms", "Liability", None), (6950, "Momsafregning", "Liability", None),
]


def id_block(fiscal_id):
    """Entity ids of each company live in their own ~10-digit block, as Xena's do."""
    return {104200311: 3041000000, 104200312: 3042000000, 104200313: 3043000000}[fiscal_id]


def build(fiscal_id):
    start = id_block(fiscal_id)
    created = stamp(2025, 1, 6, 9)
    partners = []
    for index, (name, street, zip_code, city, kind) in enumerate(PARTNER_NAMES[fiscal_id]):
        account = 10001 + index
        partner_id = start + 100 + index
        is_customer = index % 4 != 3
        partners.append({
            **base(partner_id, fiscal_id, stamp(2025, 1 + index % 12, 1 + index % 27, 9 + index % 8), version=1 + index % 3,
                   deactivated=index in (7, 19)),
            "AccountNumber": account, "PartnerType": f"xena_partnertype_{kind}", "Attention": None,
            "PhoneNumber": f"+45 {20 + index:02d} {30 + index:02d} {40 + index:02d} {50 + index:02d}", "Note": "",
            "OrgNumber": f"{30000000 + index * 12347}" if kind == "company" else None, "GLNNumber": None,
            "URL": f"/Fiscal/{fiscal_id}/Partner/{partner_id}", "CustomerId": partner_id + 5000 if is_customer else None,
            "SupplierId": partner_id + 6000 if not is_customer else None, "ResourceId": None, "DefaultDeliveryAddressId": None,
            "Tags": ["Kunde"] if is_customer else ["Leverandør"],
            "ShortDescription": str(account), "LongDescription": f"{account} - {name}",
            "Address": address(name, street, zip_code, city),
        })

    articles = []
    for index, (number, description, price, cost, unit) in enumerate(ARTICLES[fiscal_id]):
        articles.append({
            **base(start + 300 + index, fiscal_id, created, version=1 + index % 2), "ArticleNumber": number, "Description": description,
            "InternalNote": "", "GroupId": start + 10, "SupplierId": None, "DefaultLocationId": None,
            "SalesSetup": {"DefaultQuantity": 1, "DefaultUnitId": start + 20}, "PurchasingSetup": {"DefaultQuantity": 1, "DefaultUnitId": start + 20},
            "Weight": None, "MinimumStock": None, "MaximumStock": None, "SalesPrice": price, "PurchasePrice": cost, "AverageCostPrice": cost,
            "HasInventoryManagement": cost > 0, "HasVariants": False, "IsBundle": False, "SalesCurrencyAbbreviation": "DKK",
            "ArticleGroupDescription": "Varer" if cost > 0 else "Ydelser", "SalesUnitAbbreviation": unit,
            "DescriptionFriendly": f"{number} - {description}",
        })

    orders, tasks, lines, invoices, transactions = [], [], [], [], []
    customers = [p for p in partners if p["CustomerId"] and not p["IsDeactivated"]]
    order_count = {104200311: 6, 104200312: 2, 104200313: 2}[fiscal_id]
    for index in range(order_count):
        partner = customers[index % len(customers)]
        order_id = start + 500 + index
        task_id = start + 600 + index
        order_number = 10020 + index
        date_days = days(2025, 3, 3 + index * 4)
        chosen = [articles[(index + k) % len(articles)] for k in range(1 + index % 3)]
        net = cost = 0.0
        order_lines = []
        for line_index, article in enumerate(chosen):
            quantity = 1 + (index + line_index) % 3
            line_net, line_cost = article["SalesPrice"] * quantity, article["PurchasePrice"] * quantity
            net, cost = net + line_net, cost + line_cost
            line = {
                **base(start + 700 + index * 10 + line_index, fiscal_id, stamp(2025, 3, 3 + index * 4, 10)), "OrderTaskId": task_id,
                "OrderId": order_id, "ArticleId": article["Id"], "ArticleNumber": article["ArticleNumber"], "Description": article["Description"],
                "Quantity": quantity, "PriceEach": article["SalesPrice"], "CostEach": article["PurchasePrice"], "UnitId": start + 20,
                "UnitAbbreviation": article["SalesUnitAbbreviation"], "Index": line_index + 1, "ArticleGroupId": article["GroupId"],
                "InvoiceDateDays": None, "IsConfirmed": True, "IsDelivered": index < 3, "Totals": totals(line_net, line_cost),
            }
            lines.append(line)
            order_lines.append(line)
        invoiced = index < 3
        invoice_number = 5010 + index
        orders.append({
            **base(order_id, fiscal_id, stamp(2025, 3, 3 + index * 4, 9), version=2), "OrderNumber": order_number, "ContextType": "ContextType_Customer",
            "PartnerId": partner["Id"], "PartnerName": partner["Address"]["Name"], "ResponsibleId": None, "ProjectId": None,
            "OrderStatusId": None, "OrderStatusName": "Faktureret" if invoiced else "Åben", "DateDays": date_days,
            "DeliveryDateDays": date_days + 7, "CurrencyAbbreviation": "DKK", "Culture": "da-DK", "OurReference": "Alice" if fiscal_id != 104200313 else "Bob",
            "YourReference": partner["Address"]["Name"].split(" ")[0], "InternalNote": "", "Address": partner["Address"],
            "DeliveryAddress": partner["Address"], "TermsOfPayment": {"Offset": 8, "DueType": "xena_nett", "Description": "Netto 8 dage"},
            "Summary": {"Totals": totals(net, cost), "NotInvoicedTotals": totals(0 if invoiced else net, 0 if invoiced else cost),
                        "IsFullyInvoiced": invoiced, "IsFullyDelivered": index < 3, "CanInvoice": not invoiced},
            "OrderInvoiceNumbers": [invoice_number] if invoiced else [],
        })
        tasks.append({
            **base(task_id, fiscal_id, stamp(2025, 3, 3 + index * 4, 9)), "OrderId": order_id, "OrderContextType": "ContextType_Customer",
            "Description": "Levering" if index % 2 == 0 else "Reparation", "Details": "", "PrintDetails": False, "OrderTaskStatusId": None,
            "Index": 1, "Abbreviation": f"{order_number}-1", "IsInvoiced": invoiced, "IsDelivered": index < 3, "IsConfirmed": True,
            "Totals": totals(net, cost),
        })
        if invoiced:
            transaction_id = start + 900 + index
            invoice_days = date_days + 2
            invoices.append({
                **base(transaction_id, fiscal_id, stamp(2025, 3, 5 + index * 4, 12)), "VoucherNumber": invoice_number, "FiscalDateDays": invoice_days,
                "OrderId": order_id, "OrderNumber": order_number, "PartnerId": partner["Id"], "PartnerName": partner["Address"]["Name"],
                "Totals": totals(net, cost), "IsSettled": index == 0,
            })
            transactions.append({
                "Id": transaction_id, "Version": 1, "FiscalSetupId": fiscal_id, "CreatedAt": stamp(2025, 3, 5 + index * 4, 12),
                "EconomicTransactionId": start + 950 + index,
                "OrderInvoice": {
                    "InvoiceNumber": invoice_number, "OrderNumber": order_number, "InvoicingDateDays": invoice_days,
                    "DueDateDays": invoice_days + 8, "OrderId": order_id, "PayerId": partner["Id"], "ContextType": "ContextType_Customer",
                    "CurrencyAbbreviation": "DKK", "IsExcemptFromVAT": False, "Totals": totals(net, cost),
                    "VatTotals": [{"Basis": round(net, 2), "VatAmount": round(net * 0.25, 2), "Percentage": 25.0, "VatId": start + 30}],
                    "OrderTasks": [{"Id": task_id, "Description": tasks[-1]["Description"], "Details": "", "Index": 1, "TransactionId": transaction_id,
                                    "Totals": totals(net, cost), "OrderLines": order_lines}],
                    "InvoiceTimeLocal": f"2025-03-{5 + index * 4:02d}T13:00:00",
                },
            })

    ledger_tags = [{
        **base(start + 1000 + number, fiscal_id, created), "Number": number, "Description": description, "LedgerAccount": account,
        "LedgerTagType": "LedgerTagType_Standard", "DefaultVatId": start + 30 if vat else None, "DefaultVatAbbreviation": vat,
        "DefaultCurrencyAbbreviation": "DKK", "DefaultDeductionPercentage": None, "LedgerTagGroupId": None,
        "LedgerTagGroupIndex": None, "LedgerTagGroupDescription": None,
        "ShortDescription": str(number), "LongDescription": f"{number} - {description}",
    } for number, description, account, vat in LEDGER_TAGS]

    periods = [{
        **base(start + 2000 + year, fiscal_id, stamp(year - 1, 12, 15)), "FiscalPeriodStartDays": days(year, 1, 1),
        "FiscalPeriodEndDays": days(year, 12, 31), "LockedAtDays": days(year + 1, 3, 31) if year == 2024 else None,
        "Description": str(year), "IsClosed": year == 2024, "IsDirty": False,
        "FiscalPeriodStartDaysFriendly": f"01-01-{year}", "FiscalPeriodEndDaysFriendly": f"31-12-{year}",
    } for year in (2024, 2025, 2026)]

    apps = []
    if fiscal_id == 104200311:
        apps.append({
            **base(start + 3000, fiscal_id, stamp(2025, 1, 10, 12), version=2), "Name": "Lagerlink", "Description": "Lager-synk til webshop",
            "Details": "Synkroniserer lagerbeholdning mellem Xena og webshoppen.", "TermsMarkdown": "", "Uri": "https://lagerlink.example.dk",
            "Callback": "http://localhost:8080/signin-oidc", "Category": "Lager", "Culture": "da-DK", "CountryName": "DK",
            "ApplicationVisibility": "Private", "PricePerFiscal": 0, "PricePerUser": 0, "IsCountrySpecific": True, "IsApproved": False,
            "IsAwaitingApproval": False, "IconId": None, "ClientIdentifier": "demo-hybrid.xena.biz", "ClientSecret": None, "ClientType": 1,
        })

    return {
        "Partner": partners, "Article": articles, "Order": orders, "OrderTask": tasks, "OrderLine": lines, "OrderInvoice": invoices,
        "OrderInvoiceTransaction": transactions, "LedgerTag": ledger_tags, "FiscalPeriod": periods, "XenaApp": apps, "WebHook": [],
    }


RESOURCES = {
    "Partner": {"readOnly": ["ShortDescription", "LongDescription", "URL"], "numbering": "AccountNumber",
                "textFields": ["Address.Name", "Address.City", "OrgNumber", "PhoneNumber", "ShortDescription"]},
    "Article": {"required": ["ArticleNumber", "Description"],
                "readOnly": ["AverageCostPrice", "HasVariants", "IsBundle", "SalesCurrencyAbbreviation", "ArticleGroupDescription",
                             "SalesUnitAbbreviation", "DescriptionFriendly"],
                "textFields": ["ArticleNumber", "Description"]},
    "Order": {"required": ["ContextType"], "readOnly": ["OrderStatusName", "PartnerName", "Summary", "OrderInvoiceNumbers"],
              "parents": {"PartnerId": "Partner"}, "numbering": "OrderNumber",
              "defaults": {"InternalNote": "", "OrderInvoiceNumbers": [], "CurrencyAbbreviation": "DKK", "Culture": "da-DK"},
              "inherit": {"PartnerName": "PartnerId.Address.Name"}, "today": ["DateDays"],
              "createChild": {"flag": "CreateTask", "resource": "OrderTask", "field": "OrderId"},
              "textFields": ["PartnerName", "OurReference", "YourReference"]},
    "OrderTask": {"required": ["OrderId"], "readOnly": ["Index", "Abbreviation", "IsInvoiced", "IsDelivered", "IsConfirmed", "Totals"],
                  "parents": {"OrderId": "Order"}, "sequence": {"field": "Index", "within": "OrderId"},
                  "inherit": {"OrderContextType": "OrderId.ContextType"},
                  "defaults": {"Description": "", "Details": "", "PrintDetails": False, "IsInvoiced": False, "IsDelivered": False,
                               "IsConfirmed": False},
                  "textFields": ["Description", "Details"]},
    "OrderLine": {"required": ["OrderTaskId"], "readOnly": ["Index", "Totals"], "parents": {"OrderTaskId": "OrderTask"},
                  "sequence": {"field": "Index", "within": "OrderTaskId"}, "inherit": {"OrderId": "OrderTaskId.OrderId"},
                  "defaults": {"Description": "", "Quantity": 0, "IsConfirmed": False, "IsDelivered": False},
                  "textFields": ["ArticleNumber", "Description"]},
    "OrderInvoice": {"entityName": "Invoice", "route": "Order/Invoice", "writable": False, "parents": {"PartnerId": "Partner"},
                     "textFields": ["PartnerName"]},
    "OrderInvoiceTransaction": {"writable": False},
    "LedgerTag": {"required": ["Description"], "readOnly": ["ShortDescription", "LongDescription"],
                  "textFields": ["Description", "ShortDescription"]},
    "FiscalPeriod": {"required": ["FiscalPeriodStartDays", "FiscalPeriodEndDays"],
                     "readOnly": ["IsClosed", "IsDirty", "FiscalPeriodStartDaysFriendly", "FiscalPeriodEndDaysFriendly"]},
    "XenaApp": {"required": ["Name"], "readOnly": ["IsApproved", "IsAwaitingApproval", "ClientIdentifier", "ClientSecret", "ClientType"],
                "textFields": ["Name", "Description"]},
    "WebHook": {"required": ["CallBackUrl", "EntityType"], "readOnly": ["WindowFailureCount"], "textFields": ["CallBackUrl", "EntityType"]},
}


def write(path, value):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(value, handle, ensure_ascii=False, indent=2)
        handle.write("\n")


def main():
    write(os.path.join(ROOT, "FiscalSetup.json"), FISCAL_SETUPS)
    write(os.path.join(ROOT, "resources.json"), RESOURCES)
    for setup in FISCAL_SETUPS:
        for resource, records in build(setup["Id"]).items():
            write(os.path.join(ROOT, "fiscal", str(setup["Id"]), f"{resource}.json"), records)


if __name__ == "__main__":
    main()
