/// A JSON parser straight to ``JSONValue``, over UTF-8 bytes (RFC 8259).
///
/// Foundation's JSONSerialization builds Foundation objects that then have to be converted, which made loading
/// the API fixtures the largest part of the server's start time; this reads the bytes once.
struct JSONParser {
    /// A syntax error with its byte offset.
    struct SyntaxError: Error, CustomStringConvertible {
        let offset: Int
        let reason: String
        var description: String { "\(self.reason) at byte \(self.offset)" }
    }

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0
    /// The reason given for a number beyond a Double's range, such as 1e400.
    static let numberOutOfRange = "number out of range"
    /// Nesting deeper than this is refused, so hostile input cannot exhaust the stack.
    static let maximumDepth = 512

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Parses one complete JSON text.
    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        parser.skipWhitespace()
        let value = try parser.value()
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected data after the JSON value") }
        return value
    }

    private func error(_ reason: String) -> SyntaxError {
        SyntaxError(offset: self.index, reason: reason)
    }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private mutating func value() throws(SyntaxError) -> JSONValue {
        guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.object()
        case UInt8(ascii: "["): return try self.array()
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "t"):
            try self.literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try self.literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try self.literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.number()
        default: throw self.error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw self.error("unexpected end of input") }
        let matches = word.withUTF8Buffer { expected in
            (0..<count).allSatisfy { self.bytes[self.index + $0] == expected[$0] }
        }
        guard matches else { throw self.error("invalid literal") }
        self.index += count
    }

    private mutating func enter() throws(SyntaxError) {
        self.depth += 1
        guard self.depth <= Self.maximumDepth else { throw self.error("nesting too deep") }
    }

    private mutating func object() throws(SyntaxError) -> JSONValue {
        try self.enter()
        self.index += 1
        var members: [String: JSONValue] = [:]
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            self.depth -= 1
            return .object(members)
        }
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.error("expected a member name") }
            let key = try self.string()
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            members[key] = try self.value()
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
            switch self.bytes[self.index] {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "}"):
                self.index += 1
                self.depth -= 1
                return .object(members)
            default: throw self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func array() throws(SyntaxError) -> JSONValue {
        try self.enter()
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            self.depth -= 1
            return .array(elements)
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.value())
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
            switch self.bytes[self.index] {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "]"):
                self.index += 1
                self.depth -= 1
                return .array(elements)
            default: throw self.error("expected ',' or ']'")
            }
        }
    }

    private mutating func string() throws(SyntaxError) -> String {
        self.index += 1
        let start = self.index
        // Fast path: no escapes.
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
                self.index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw self.error("control character in a string") }
            self.index += 1
        }
        var scalars = Array(self.bytes[start..<self.index])
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
                let escape = self.bytes[self.index]
                self.index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try self.hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        // A surrogate pair encodes one scalar above U+FFFF.
                        guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                            self.bytes[self.index + 1] == UInt8(ascii: "u")
                        else { throw self.error("lone surrogate") }
                        self.index += 2
                        let low = try self.hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw self.error("invalid surrogate pair") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw self.error("lone surrogate")
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw self.error("invalid escape") }
                    scalars.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    throw self.error("invalid escape")
                }
            default:
                guard byte >= 0x20 else { throw self.error("control character in a string") }
                scalars.append(byte)
            }
        }
        throw self.error("unterminated string")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.error("unexpected end of input") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw self.error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    /// RFC 8259 §6 numbers; integers that fit in Int64 stay integers.
    private mutating func number() throws(SyntaxError) -> JSONValue {
        let start = self.index
        var isInteger = true
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        guard self.index < self.bytes.count else { throw self.error("invalid number") }
        if self.bytes[self.index] == UInt8(ascii: "0") {
            self.index += 1
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
        } else {
            throw self.error("invalid number")
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            isInteger = false
            self.index += 1
            let digits = self.index
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
            guard self.index > digits else { throw self.error("invalid number") }
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "e") || self.bytes[self.index] == UInt8(ascii: "E") {
            isInteger = false
            self.index += 1
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") {
                self.index += 1
            }
            let digits = self.index
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) { self.index += 1 }
            guard self.index > digits else { throw self.error("invalid number") }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        // 1e400 and the like would become infinity, which JSON cannot carry back out.
        guard let number = Double(text), number.isFinite else { throw self.error(Self.numberOutOfRange) }
        return .number(number)
    }
}
