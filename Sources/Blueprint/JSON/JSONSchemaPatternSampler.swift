/// Produces strings that match a simple regular expression, for the `pattern` keyword.
///
/// Understood: literals and escaped punctuation, `.`, `\d \w \s` (and their negations), `\n \t \r \f \v`,
/// `\xHH`, `\uHHHH`, character classes with ranges and negation, groups (`(...)`, `(?:...)`, `(?<name>...)`),
/// alternation, the quantifiers `* + ? {n} {n,} {n,m}` (lazy/possessive suffixes ignored) and the anchors
/// `^`/`$`. Anything else (back-references, lookaround, `\b`, `\p{...}`) makes `init` fail, and the caller
/// reports the pattern as unsupported. Unbounded repetition is capped at a few extra repeats.
struct JSONSchemaPatternSampler {
    private indirect enum Node {
        case literal(Unicode.Scalar)
        case set([ClosedRange<UInt32>], negated: Bool)
        case sequence([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int)
    }

    private let root: Node
    /// Whether the pattern starts with `^`, so nothing may be prepended.
    let anchoredAtStart: Bool
    /// Whether the pattern ends with `$`, so nothing may be appended.
    let anchoredAtEnd: Bool

    /// Parses `pattern`, or returns nil if it uses syntax beyond the supported subset.
    init?(pattern: String) {
        var parser = Parser(scalars: Array(pattern.unicodeScalars))
        guard let node = parser.parseAlternation(), parser.position == parser.scalars.count else { return nil }
        root = node
        anchoredAtStart = parser.sawStartAnchor
        anchoredAtEnd = parser.sawEndAnchor
    }

    /// A random string matched by the pattern, or nil if a negated class left nothing to choose or the
    /// string would exceed `maxLength` scalars (nested repetitions can multiply quickly).
    func sample(using generator: inout SeededGenerator, maxLength: Int = 10_000) -> String? {
        var output = String.UnicodeScalarView()
        var budget = maxLength
        guard Self.sample(root, into: &output, budget: &budget, using: &generator) else { return nil }
        return String(output)
    }

    private static let printable: [Unicode.Scalar] = (0x20...0x7E).compactMap(Unicode.Scalar.init)
    private static let readable: [Unicode.Scalar] = Array("abcdefghijklmnopqrstuvwxyz0123456789".unicodeScalars)

    private static func sample(
        _ node: Node,
        into output: inout String.UnicodeScalarView,
        budget: inout Int,
        using generator: inout SeededGenerator
    ) -> Bool {
        switch node {
        case .literal, .set:
            guard budget > 0 else { return false }
            budget -= 1
        default:
            break
        }
        switch node {
        case .literal(let scalar):
            output.append(scalar)
        case .set(let ranges, let negated):
            if negated {
                // Prefer letters and digits so results stay readable; fall back to any printable ASCII.
                var candidates = readable.filter { !contains(ranges, $0.value) }
                if candidates.isEmpty { candidates = printable.filter { !contains(ranges, $0.value) } }
                guard let scalar = generator.element(of: candidates) else { return false }
                output.append(scalar)
            } else {
                let total = ranges.reduce(UInt64(0)) { $0 + UInt64($1.count) }
                guard total > 0 else { return false }
                var pick = generator.next(below: total)
                for range in ranges {
                    if pick < UInt64(range.count) {
                        let value = range.lowerBound + UInt32(pick)
                        output.append(Unicode.Scalar(value) ?? "?")
                        break
                    }
                    pick -= UInt64(range.count)
                }
            }
        case .sequence(let nodes):
            for child in nodes where !sample(child, into: &output, budget: &budget, using: &generator) { return false }
        case .alternation(let branches):
            guard let branch = generator.element(of: branches) else { return false }
            return sample(branch, into: &output, budget: &budget, using: &generator)
        case .repetition(let child, let min, let max):
            let count = generator.int(in: min...max)
            for _ in 0..<count where !sample(child, into: &output, budget: &budget, using: &generator) {
                return false
            }
        }
        return true
    }

    private static func contains(_ ranges: [ClosedRange<UInt32>], _ value: UInt32) -> Bool {
        ranges.contains { $0.contains(value) }
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var position = 0
        var sawStartAnchor = false
        var sawEndAnchor = false

        init(scalars: [Unicode.Scalar]) {
            self.scalars = scalars
        }

        var current: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

        mutating func parseAlternation() -> Node? {
            var branches: [Node] = []
            while true {
                guard let branch = parseSequence() else { return nil }
                branches.append(branch)
                guard current == "|" else { break }
                position += 1
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseSequence() -> Node? {
            var nodes: [Node] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                if scalar == "^" {
                    guard position == 0 else { return nil }
                    sawStartAnchor = true
                    position += 1
                    continue
                }
                if scalar == "$" {
                    guard position == scalars.count - 1 else { return nil }
                    sawEndAnchor = true
                    position += 1
                    continue
                }
                guard let atom = parseAtom(), let quantified = parseQuantifier(atom) else { return nil }
                nodes.append(quantified)
            }
            return .sequence(nodes)
        }

        mutating func parseAtom() -> Node? {
            guard let scalar = current else { return nil }
            position += 1
            switch scalar {
            case "(":
                if current == "?" {
                    position += 1
                    if current == ":" {
                        position += 1
                    } else if current == "<", position + 1 < scalars.count,
                        scalars[position + 1] != "=", scalars[position + 1] != "!"
                    {
                        // A named group: skip the name.
                        while let next = current, next != ">" { position += 1 }
                        guard current == ">" else { return nil }
                        position += 1
                    } else {
                        return nil
                    }
                }
                guard let inner = parseAlternation(), current == ")" else { return nil }
                position += 1
                return inner
            case "[":
                return parseClass()
            case ".":
                return .set([0x61...0x7A], negated: false)
            case "\\":
                return parseEscape(inClass: false)
            case "*", "+", "?", "{", ")", "]", "}":
                return nil
            default:
                return .literal(scalar)
            }
        }

        mutating func parseQuantifier(_ atom: Node) -> Node? {
            guard let scalar = current else { return atom }
            var bounds: (Int, Int)
            switch scalar {
            case "*": bounds = (0, 3)
            case "+": bounds = (1, 4)
            case "?": bounds = (0, 1)
            case "{":
                let save = position
                position += 1
                guard let low = parseNumber() else {
                    position = save
                    return atom
                }
                var high = low
                if current == "," {
                    position += 1
                    high = parseNumber() ?? low + 3
                }
                guard current == "}", low <= high, high <= 1000 else { return nil }
                bounds = (low, high)
            default:
                return atom
            }
            position += 1
            // Lazy and possessive forms match the same strings.
            if current == "?" || current == "+" { position += 1 }
            return .repetition(atom, min: bounds.0, max: bounds.1)
        }

        mutating func parseNumber() -> Int? {
            var value: Int?
            while let scalar = current, ("0"..."9").contains(scalar) {
                value = min((value ?? 0) * 10 + Int(scalar.value - 0x30), 100_000)
                position += 1
            }
            return value
        }

        mutating func parseClass() -> Node? {
            var negated = false
            if current == "^" {
                negated = true
                position += 1
            }
            var ranges: [ClosedRange<UInt32>] = []
            while let scalar = current, scalar != "]" {
                position += 1
                let low: UInt32
                if scalar == "\\" {
                    guard let escaped = parseEscape(inClass: true) else { return nil }
                    guard case .literal(let literal) = escaped else {
                        guard case .set(let set, let setNegated) = escaped, !setNegated else { return nil }
                        ranges += set
                        continue
                    }
                    low = literal.value
                } else {
                    low = scalar.value
                }
                if current == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                    position += 1
                    guard let next = current else { return nil }
                    position += 1
                    var high = next.value
                    if next == "\\" {
                        guard case .literal(let literal)? = parseEscape(inClass: true) else { return nil }
                        high = literal.value
                    }
                    guard low <= high else { return nil }
                    ranges.append(low...high)
                } else {
                    ranges.append(low...low)
                }
            }
            guard current == "]" else { return nil }
            position += 1
            return .set(ranges, negated: negated)
        }

        /// Parses the character after a backslash (the backslash is already consumed).
        mutating func parseEscape(inClass: Bool) -> Node? {
            guard let scalar = current else { return nil }
            position += 1
            let digits: [ClosedRange<UInt32>] = [0x30...0x39]
            let word: [ClosedRange<UInt32>] = [0x30...0x39, 0x41...0x5A, 0x5F...0x5F, 0x61...0x7A]
            let space: [ClosedRange<UInt32>] = [0x09...0x0D, 0x20...0x20]
            switch scalar {
            case "d": return .set(digits, negated: false)
            case "D": return inClass ? nil : .set(digits, negated: true)
            case "w": return .set(word, negated: false)
            case "W": return inClass ? nil : .set(word, negated: true)
            case "s": return .set(space, negated: false)
            case "S": return inClass ? nil : .set(space, negated: true)
            case "n": return .literal("\n")
            case "t": return .literal("\t")
            case "r": return .literal("\r")
            case "f": return .literal("\u{0C}")
            case "v": return .literal("\u{0B}")
            case "x": return parseHex(count: 2)
            case "u": return parseHex(count: 4)
            default:
                // Escaped punctuation is literal; escaped letters and digits have meanings we do not support.
                let value = scalar.value
                let isAlphanumeric =
                    (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                    || (0x61...0x7A).contains(value)
                return isAlphanumeric ? nil : .literal(scalar)
            }
        }

        mutating func parseHex(count: Int) -> Node? {
            guard position + count <= scalars.count else { return nil }
            let text = String(String.UnicodeScalarView(scalars[position..<position + count]))
            guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else { return nil }
            position += count
            return .literal(scalar)
        }
    }
}
