/// Arithmetic that holds between the amounts of one generated object, so generated bookkeeping adds up: a voucher
/// balances, a margin is the price less the cost, VAT is 25 % of the net amount, a total is the sum of its lines or
/// quantity times price.
enum AmountRules {
    /// The Danish standard VAT rate.
    static let vatRate = 0.25

    static func apply(to object: inout [String: JSONValue]) {
        func number(_ name: String) -> Double? { object[name]?.number }
        func set(_ name: String, _ value: Double) {
            guard object[name] != nil, object[name] != .null else { return }
            object[name] = .number((value * 100).rounded() / 100)
        }
        // A voucher's debit and credit balance.
        if let debit = number("DebetAmount"), number("CreditAmount") != nil { set("CreditAmount", debit) }
        // Totals of lines (`TotalSettled` over the lines' `AmountSettled`).
        for (name, _) in object where name.hasPrefix("Total") && name.count > 5 && number(name) != nil {
            let part = String(name.dropFirst(5))
            var sum = 0.0
            var found = false
            for case .array(let lines) in object.values {
                for case .object(let line) in lines {
                    for (field, value) in line where field.hasSuffix(part) {
                        if let amount = value.number { (sum, found) = (sum + amount, true) }
                    }
                }
            }
            if found { set(name, sum) }
        }
        // Quantity × price.
        if let quantity = number("Quantity"), let price = number("UnitPrice") ?? number("PriceEach") ?? number("SalesPrice") {
            for total in ["Total", "TotalAmount", "SalesPriceTotal", "TotalSalesPrice", "PriceNettTotal"] { set(total, quantity * price) }
        }
        // Margins and VAT.
        if let price = number("PriceNettTotal") {
            if let cost = number("CostTotal") { set("MarginTotal", price - cost) }
            set("VatEstTotal", price * Self.vatRate)
            set("DiscountTotal", 0)
        }
        if let price = number("SalesPrice"), let cost = number("CostEach") ?? number("Cost") ?? number("PurchasePrice") {
            set("Margin", price - cost)
            if price != 0 { set("MarginPct", (price - cost) / price * 100) }
        }
        if let amount = number("Amount") { set("VatAmount", amount * Self.vatRate) }
    }
}
