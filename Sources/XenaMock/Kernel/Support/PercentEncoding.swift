/// Percent-encoding and upper-case hex in plain Swift, for the request paths: Foundation's `addingPercentEncoding`
/// and `String(format: "%02X")` go through CFString, which showed up in profiles of every login.
enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// `bytes` as upper-case hex, two digits each.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        String(decoding: bytes.flatMap { [Self.hexDigits[Int($0 >> 4)], Self.hexDigits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }

    /// Every byte but RFC 3986's unreserved ones (`A–Z a–z 0–9 - . _ ~`) as `%XX`, the UTF-8 bytes of the text: what
    /// Foundation's `addingPercentEncoding` with that set writes.
    static func encode(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                output.append(byte)
            default:
                output += [UInt8(ascii: "%"), Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `%XX` escapes decoded (nil for a `%` without two hex digits), `+` a space when `plusIsSpace`; bytes that are no
    /// UTF-8 are repaired, as Hummingbird's form decoder reads a value, or with `strictUTF8` make the answer nil, as
    /// Foundation's `removingPercentEncoding` does.
    static func decode(_ bytes: Substring.UTF8View, plusIsSpace: Bool, strictUTF8: Bool = false) -> String? {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else { return nil }
                output.append(high << 4 | low)
            } else {
                output.append(plusIsSpace && byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
            }
        }
        return strictUTF8 ? String(validating: output, as: UTF8.self) : String(decoding: output, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
