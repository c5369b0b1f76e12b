extension JSONSchemaInstanceGenerator.Run {
    typealias Failure = JSONSchemaGenerationError

    /// Lower and upper bounds from `minimum`/`maximum`/`exclusiveMinimum`/`exclusiveMaximum` (both draft styles).
    struct Bounds {
        var low: Double?
        var lowExclusive = false
        var lowText = ""
        var high: Double?
        var highExclusive = false
        var highText = ""

        init(_ schema: JSONObject) {
            if let minimum = schema["minimum"], let value = minimum.doubleValue {
                low = value
                lowText = minimum.jsonString
            }
            if let maximum = schema["maximum"], let value = maximum.doubleValue {
                high = value
                highText = maximum.jsonString
            }
            if let bound = schema["exclusiveMinimum"] {
                if bound.boolValue == true {
                    lowExclusive = low != nil
                } else if let value = bound.doubleValue, low.map({ value >= $0 }) ?? true {
                    low = value
                    lowExclusive = true
                    lowText = bound.jsonString
                }
            }
            if let bound = schema["exclusiveMaximum"] {
                if bound.boolValue == true {
                    highExclusive = high != nil
                } else if let value = bound.doubleValue, high.map({ value <= $0 }) ?? true {
                    high = value
                    highExclusive = true
                    highText = bound.jsonString
                }
            }
        }

        func contains(_ value: Double) -> Bool {
            if let low, value < low || (lowExclusive && value == low) { return false }
            if let high, value > high || (highExclusive && value == high) { return false }
            return true
        }

        /// The bounds in words, e.g. "at least 10 and less than 5".
        var text: String {
            let lower = low.map { _ in (lowExclusive ? "more than " : "at least ") + lowText }
            let upper = high.map { _ in (highExclusive ? "less than " : "at most ") + highText }
            return [lower, upper].compactMap { $0 }.joined(separator: " and ")
        }
    }

    // MARK: Numbers

    mutating func generateInteger(_ schema: JSONObject, hint: String?, path: String) throws(Failure) -> JSONValue {
        let bounds = Bounds(schema)
        // Beyond 2^53 doubles skip integers, so keep generated integers in the exactly representable range.
        let limit = 9_007_199_254_740_991.0
        var low = -limit
        var high = limit
        if let value = bounds.low {
            low = max(low, bounds.lowExclusive ? value.rounded(.down) + 1 : value.rounded(.up))
        }
        if let value = bounds.high {
            high = min(high, bounds.highExclusive ? value.rounded(.up) - 1 : value.rounded(.down))
        }
        guard low <= high else {
            throw Failure(.unsatisfiable, path: path, message: "no integer is \(bounds.text)")
        }
        let full = Int(low)...Int(high)
        let window = Self.window(full, preferred: Self.integerHint(hint) ?? 1...100)
        guard let divisor = schema["multipleOf"] else { return .int(random.int(in: window)) }
        guard let step = divisor.doubleValue, step > 0, step.isFinite else {
            throw Failure(.invalidSchema, path: path, message: "multipleOf must be a positive number")
        }
        if let integerStep = Int(exactly: step) {
            for range in [window, full] {
                let first = Self.ceilingDivision(range.lowerBound, integerStep)
                let last = Self.floorDivision(range.upperBound, integerStep)
                if first <= last { return .int(random.int(in: first...last) * integerStep) }
            }
        } else {
            // A fractional step: look for an integer that is an exact multiple, near the preferred range first.
            let start = random.int(in: window)
            for offset in 0..<512 {
                for candidate in [start + offset, start - offset] where full.contains(candidate) {
                    if Self.isExactMultiple(.int(candidate), of: divisor) { return .int(candidate) }
                }
            }
        }
        throw Failure(
            .unsatisfiable, path: path, message: "no integer multiple of \(divisor.jsonString) is \(bounds.text)")
    }

    mutating func generateNumber(_ schema: JSONObject, hint: String?, path: String) throws(Failure) -> JSONValue {
        let bounds = Bounds(schema)
        if let low = bounds.low, let high = bounds.high,
            low > high || (low == high && (bounds.lowExclusive || bounds.highExclusive))
        {
            throw Failure(.unsatisfiable, path: path, message: "no number is \(bounds.text)")
        }
        let preferred = Self.numberHint(hint) ?? (0, 100)
        let full = (bounds.low ?? -.infinity, bounds.high ?? .infinity)
        let window: (Double, Double)
        if preferred.1 >= full.0 && preferred.0 <= full.1 {
            window = (max(preferred.0, full.0), min(preferred.1, full.1))
        } else if full.1 < preferred.0 {
            window = (max(full.0, full.1 - 100), full.1)
        } else {
            window = (full.0, min(full.1, full.0 + 100))
        }

        if let divisor = schema["multipleOf"] {
            guard let step = divisor.doubleValue, step > 0, step.isFinite else {
                throw Failure(.invalidSchema, path: path, message: "multipleOf must be a positive number")
            }
            for range in [window, (max(full.0, -1e15), min(full.1, 1e15))] {
                let first = (range.0 / step).rounded(.up)
                let last = (range.1 / step).rounded(.down)
                guard first <= last, first.magnitude < 1e15, last.magnitude < 1e15 else { continue }
                for _ in 0..<24 {
                    let factor = random.int(in: Int(first)...Int(last))
                    let value = Self.tidy(Double(factor) * step, step: step)
                    if bounds.contains(value) && Self.isExactMultiple(.double(value), of: divisor) {
                        return .double(value)
                    }
                }
            }
            if bounds.contains(0) { return .double(0) }
            throw Failure(
                .unsatisfiable, path: path, message: "no multiple of \(divisor.jsonString) found that is \(bounds.text)"
            )
        }

        for _ in 0..<8 {
            let value = ((window.0 + random.unitDouble() * (window.1 - window.0)) * 100).rounded() / 100
            if value.isFinite && bounds.contains(value) { return .double(value) }
        }
        let fallbacks = [(full.0 + full.1) / 2, full.0 + 1, full.1 - 1, full.0.nextUp, full.1.nextDown]
        if let value = fallbacks.first(where: { $0.isFinite && bounds.contains($0) }) { return .double(value) }
        throw Failure(.unsatisfiable, path: path, message: "no number is \(bounds.text)")
    }

    /// `value` rounded to as many decimal places as `step` has, which removes binary noise such as the
    /// 0.30000000000000004 that 3 × 0.1 gives.
    static func tidy(_ value: Double, step: Double) -> Double {
        guard let (_, exponent) = JSONSchemaValidator.decimal(step), exponent < 0, exponent > -16 else { return value }
        var scale = 1.0
        for _ in 0..<(-exponent) { scale *= 10 }
        let tidied = (value * scale).rounded() / scale
        return tidied.isFinite ? tidied : value
    }

    /// Whether `value` is a multiple of `divisor` even under plain binary floating-point division, which is how
    /// most validators (Python's jsonschema among them) check it.
    static func isExactMultiple(_ value: JSONValue, of divisor: JSONValue) -> Bool {
        if case .int(let a) = value, case .int(let b) = divisor { return b > 0 && a % b == 0 }
        guard let a = value.doubleValue, let b = divisor.doubleValue, b > 0 else { return false }
        if case .int = divisor { return a.truncatingRemainder(dividingBy: b) == 0 }
        let quotient = a / b
        return quotient.isFinite && quotient == quotient.rounded(.towardZero)
    }

    static func window(_ full: ClosedRange<Int>, preferred: ClosedRange<Int>) -> ClosedRange<Int> {
        if full.overlaps(preferred) { return full.clamped(to: preferred) }
        if full.upperBound < preferred.lowerBound {
            return max(full.lowerBound, full.upperBound - 99)...full.upperBound
        }
        return full.lowerBound...min(full.upperBound, full.lowerBound + 99)
    }

    static func ceilingDivision(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return quotient * divisor < value ? quotient + 1 : quotient
    }

    static func floorDivision(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return quotient * divisor > value ? quotient - 1 : quotient
    }

    /// A property name lowercased without `_`, `-` and spaces, compared as bytes: `String.contains` with a
    /// string argument is far slower, and hints are checked against dozens of fragments.
    struct PropertyName {
        let bytes: [UInt8]

        init(_ hint: String?) {
            bytes = (hint ?? "").lowercased().utf8.filter {
                $0 != UInt8(ascii: "_") && $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: " ")
            }
        }

        var isEmpty: Bool { bytes.isEmpty }

        func contains(_ fragment: String) -> Bool {
            let needle = Array(fragment.utf8)
            guard needle.count <= bytes.count else { return false }
            for start in 0...(bytes.count - needle.count)
            where bytes[start..<start + needle.count].elementsEqual(needle) {
                return true
            }
            return false
        }

        func hasSuffix(_ fragment: String) -> Bool {
            let needle = Array(fragment.utf8)
            return needle.count <= bytes.count && bytes[(bytes.count - needle.count)...].elementsEqual(needle)
        }

        static func == (name: PropertyName, text: String) -> Bool {
            name.bytes.elementsEqual(text.utf8)
        }

        /// The name without its last `count` bytes, as text.
        func dropLast(_ count: Int) -> String {
            String(decoding: bytes.dropLast(count), as: UTF8.self)
        }
    }

    static func integerHint(_ hint: String?) -> ClosedRange<Int>? {
        let name = PropertyName(hint)
        guard !name.isEmpty else { return nil }
        let table: [(String, ClosedRange<Int>)] = [
            ("age", 18...80), ("year", 1990...2030), ("month", 1...12), ("day", 1...28), ("hour", 0...23),
            ("minute", 0...59), ("second", 0...59), ("rating", 1...5), ("stars", 1...5), ("score", 1...100),
            ("quantity", 1...10), ("count", 1...10), ("qty", 1...10), ("price", 5...500), ("amount", 5...500),
            ("cost", 5...500), ("total", 10...900), ("temperature", -5...35), ("temp", -5...35),
            ("percent", 0...100), ("latitude", -90...90), ("longitude", -180...180), ("page", 1...10),
            ("limit", 1...20), ("size", 1...20), ("topk", 1...10), ("duration", 5...120), ("people", 1...8),
            ("guests", 1...8), ("nights", 1...14), ("days", 1...14), ("id", 1...9999), ("number", 1...100),
        ]
        return table.first { name.contains($0.0) }?.1
    }

    static func numberHint(_ hint: String?) -> (Double, Double)? {
        let name = PropertyName(hint)
        guard !name.isEmpty else { return nil }
        let table: [(String, (Double, Double))] = [
            ("latitude", (-90, 90)), ("longitude", (-180, 180)), ("lat", (-90, 90)), ("lng", (-180, 180)),
            ("lon", (-180, 180)), ("probability", (0, 1)), ("confidence", (0, 1)), ("ratio", (0, 1)),
            ("temperature", (-5, 35)), ("temp", (-5, 35)), ("percent", (0, 100)), ("rating", (1, 5)),
            ("price", (5, 500)), ("amount", (5, 500)), ("cost", (5, 500)), ("total", (10, 900)),
            ("weight", (0.5, 80)), ("height", (1, 200)), ("distance", (1, 500)),
        ]
        return table.first { name.contains($0.0) }?.1
    }

    // MARK: Strings

    mutating func generateString(_ schema: JSONObject, hint: String?, path: String) throws(Failure) -> JSONValue {
        let minLength = max(0, schema["minLength"]?.intValue ?? 0)
        let maxLength = schema["maxLength"]?.intValue
        if let maxLength, minLength > maxLength {
            throw Failure(
                .unsatisfiable, path: path, message: "minLength \(minLength) is greater than maxLength \(maxLength)")
        }
        guard minLength <= 100_000 else {
            throw Failure(.tooComplex, path: path, message: "minLength \(minLength) is too large to generate")
        }
        try spend(path, units: minLength / 64)
        func fits(_ text: String) -> Bool {
            let length = text.unicodeScalars.count
            return length >= minLength && length <= (maxLength ?? Int.max)
        }

        if let pattern = schema["pattern"]?.stringValue {
            guard let sampler = JSONSchemaPatternSampler(pattern: pattern) else {
                throw Failure(
                    .unsupported, path: path,
                    message: "the pattern \(pattern) is beyond the generator's regular-expression subset")
            }
            for _ in 0..<16 {
                guard var text = sampler.sample(using: &random) else { continue }
                let missing = minLength - text.unicodeScalars.count
                if missing > 0 && !sampler.anchoredAtEnd {
                    text += randomLetters(missing)
                } else if missing > 0 && !sampler.anchoredAtStart {
                    text = randomLetters(missing) + text
                }
                if fits(text) && JSONSchemaValidator.matches(text, pattern: pattern) == true { return .string(text) }
            }
            throw Failure(
                .unsatisfiable, path: path,
                message: "could not generate a string matching \(pattern) with the required length")
        }

        if let format = schema["format"]?.stringValue, let text = formatted(format) {
            guard fits(text) else {
                throw Failure(.unsatisfiable, path: path, message: "a \(format) string cannot meet the length limits")
            }
            return .string(text)
        }

        return .string(fitted(hinted(hint) ?? phrase(), minLength: minLength, maxLength: maxLength))
    }

    /// `text` lengthened with more words, or shortened at a word boundary where possible, to fit the limits.
    mutating func fitted(_ text: String, minLength: Int, maxLength: Int?) -> String {
        var text = text
        var length = text.unicodeScalars.count
        while length < minLength {
            let addition = text.hasSuffix(".") ? " " + sentence() : " " + pick(JSONSchemaWords.nouns)
            text += addition
            length += addition.unicodeScalars.count
        }
        guard let maxLength, length > maxLength else { return text }
        var words = text.split(separator: " ")
        while words.count > 1 && words.joined(separator: " ").unicodeScalars.count > maxLength {
            words.removeLast()
        }
        text = words.joined(separator: " ")
        if text.unicodeScalars.count > maxLength {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maxLength)))
        }
        let missing = minLength - text.unicodeScalars.count
        return missing > 0 ? text + randomLetters(missing) : text
    }

    mutating func pick(_ words: [String]) -> String {
        random.element(of: words) ?? "word"
    }

    mutating func randomLetters(_ count: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count { scalars.append(letters[Int(random.next(below: 26))]) }
        return String(scalars)
    }

    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef".unicodeScalars)
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count { scalars.append(digits[Int(random.next(below: 16))]) }
        return String(scalars)
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    mutating func place() -> (city: String, country: String) {
        random.element(of: JSONSchemaWords.places) ?? ("Paris", "France")
    }

    mutating func phrase() -> String {
        "\(pick(JSONSchemaWords.adjectives)) \(pick(JSONSchemaWords.nouns))"
    }

    mutating func sentence() -> String {
        let subject = pick(JSONSchemaWords.adjectives).capitalizedFirst
        return
            "\(subject) \(pick(JSONSchemaWords.nouns)) near the \(pick(JSONSchemaWords.adjectives)) \(pick(JSONSchemaWords.nouns))."
    }

    mutating func title() -> String {
        "\(pick(JSONSchemaWords.adjectives).capitalizedFirst) \(pick(JSONSchemaWords.nouns).capitalizedFirst)"
    }

    mutating func fullName() -> String {
        "\(pick(JSONSchemaWords.firstNames)) \(pick(JSONSchemaWords.lastNames))"
    }

    mutating func date() -> String {
        "\(random.int(in: 2020...2026))-\(Self.twoDigits(random.int(in: 1...12)))-\(Self.twoDigits(random.int(in: 1...28)))"
    }

    mutating func time() -> String {
        "\(Self.twoDigits(random.int(in: 0...23))):\(Self.twoDigits(random.int(in: 0...59))):\(Self.twoDigits(random.int(in: 0...59)))Z"
    }

    mutating func email() -> String {
        "\(pick(JSONSchemaWords.firstNames)).\(pick(JSONSchemaWords.lastNames))@\(pick(JSONSchemaWords.domains))"
            .lowercased()
    }

    /// A value for a known `format`, or nil for formats that are only annotations.
    mutating func formatted(_ format: String) -> String? {
        switch format {
        case "date-time": return date() + "T" + time()
        case "date": return date()
        case "time": return time()
        case "email", "idn-email": return email()
        case "uuid":
            let variant = ["8", "9", "a", "b"][Int(random.next(below: 4))]
            return "\(hex(8))-\(hex(4))-4\(hex(3))-\(variant)\(hex(3))-\(hex(12))"
        case "uri", "iri", "url": return "https://\(pick(JSONSchemaWords.domains))/\(pick(JSONSchemaWords.nouns))"
        case "hostname", "idn-hostname": return "\(pick(JSONSchemaWords.nouns)).\(pick(JSONSchemaWords.domains))"
        case "ipv4": return "192.0.2.\(random.int(in: 1...254))"
        default: return nil
        }
    }

    /// A value suggested by the property name, or nil when the name suggests nothing in particular.
    mutating func hinted(_ hint: String?) -> String? {
        guard let hint else { return nil }
        let name = PropertyName(hint)
        let words = JSONSchemaWords.self
        func has(_ fragments: String...) -> Bool { fragments.contains { name.contains($0) } }
        if has("email") { return email() }
        if has("url", "website", "link", "homepage") || name.hasSuffix("uri") { return formatted("uri") }
        if has("phone", "mobile") || name == "tel" { return "+1-555-01\(Self.twoDigits(random.int(in: 0...99)))" }
        if has("firstname", "givenname") { return pick(words.firstNames) }
        if has("lastname", "surname", "familyname") { return pick(words.lastNames) }
        if has("username", "handle", "login") {
            return "\(pick(words.firstNames))_\(pick(words.lastNames))".lowercased()
        }
        if has("company", "organization", "organisation", "employer") { return pick(words.companies) }
        if has("city", "town") { return place().city }
        if has("country") { return place().country }
        if name == "state" || has("province", "region") { return pick(words.regions) }
        if has("street", "addressline") || name == "address" {
            return "\(random.int(in: 1...250)) \(pick(words.streets))"
        }
        if has("zip", "postal", "postcode") { return String(random.int(in: 10000...99999)) }
        if has("location", "destination", "origin") || name == "place" {
            let place = place()
            return "\(place.city), \(place.country)"
        }
        if has("filename") { return "\(pick(words.nouns))-\(pick(words.nouns)).txt" }
        if has("product") || name == "item" { return pick(words.products) }
        if name.hasSuffix("name") {
            let people = [
                "", "full", "display", "customer", "author", "contact", "person", "sender", "recipient",
                "employee", "owner", "guest", "passenger", "patient", "student", "user", "attendee",
            ]
            return people.contains(name.dropLast(4)) ? fullName() : title()
        }
        if has("color", "colour") { return pick(words.colors) }
        if has("language") || name == "lang" { return pick(words.languages) }
        if has("currency") { return pick(words.currencies) }
        if has("status", "state") { return pick(words.statuses) }
        if name == "id" || hint.hasSuffix("_id") || hint.hasSuffix("Id") || hint.hasSuffix("ID") {
            let base = name.dropLast(2).prefix(4)
            return "\(base.isEmpty ? "id" : base)_\(hex(8))"
        }
        if has("timestamp", "datetime", "createdat", "updatedat") { return date() + "T" + time() }
        if has("date", "birthday") || name == "dob" { return date() }
        if has("time") {
            return "\(Self.twoDigits(random.int(in: 7...21))):\(["00", "15", "30", "45"][Int(random.next(below: 4))])"
        }
        if has("title", "subject", "headline", "heading") { return title() }
        let prose = [
            "description", "summary", "detail", "note", "comment", "message", "text", "content", "body",
            "reason", "explanation", "answer", "bio", "instruction", "feedback", "review", "response", "reply",
        ]
        if prose.contains(where: { name.contains($0) }) { return sentence() }
        if has("category", "genre", "tag", "kind") || name == "type" { return pick(words.nouns) }
        if has("version") { return "\(random.int(in: 1...4)).\(random.int(in: 0...12)).\(random.int(in: 0...9))" }
        if has("path") { return "/docs/\(pick(words.nouns)).txt" }
        if has("host", "domain") { return formatted("hostname") }
        if has("token", "secret", "password", "apikey") { return hex(24) }
        if has("code") { return "\(randomLetters(2).uppercased())-\(random.int(in: 1000...9999))" }
        return nil
    }
}

extension String {
    /// The string with its first character uppercased.
    fileprivate var capitalizedFirst: String {
        guard let first else { return self }
        return first.uppercased() + dropFirst()
    }
}
