/// A JSON object that keeps its members in insertion (or parse) order.
///
/// Keys are unique: setting an existing key replaces its value in place, and parsing an object with a
/// repeated key keeps the last value at the first key's position. Lookup is a linear scan, which beats
/// hashing for the small objects an API sees. Equality and hashing ignore member order, as JSON does
/// (RFC 8259 §4: an object is an unordered collection).
public struct JSONObject: Sendable, Hashable, RandomAccessCollection, ExpressibleByDictionaryLiteral,
    CustomStringConvertible
{
    /// One member: a key and its value.
    public typealias Element = (key: String, value: JSONValue)

    /// The members, in order, with unique keys.
    public private(set) var entries: [Element]

    /// Creates an empty object.
    public init() {
        entries = []
    }

    /// Creates an object from key/value pairs in order; a repeated key keeps its last value at its first position.
    public init(_ pairs: some Sequence<(String, JSONValue)>) {
        entries = []
        entries.reserveCapacity(pairs.underestimatedCount)
        for (key, value) in pairs { self[key] = value }
    }

    /// Creates an object from a dictionary literal, in source order.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(elements)
    }

    /// Adopts members already known to have unique keys (the parser checks as it goes).
    init(uniqueEntries: [Element]) {
        entries = uniqueEntries
    }

    /// The position of the first member.
    public var startIndex: Int { entries.startIndex }

    /// The position after the last member.
    public var endIndex: Int { entries.endIndex }

    /// The member at `position`.
    public subscript(position: Int) -> Element { entries[position] }

    /// The keys, in order.
    public var keys: [String] { entries.map(\.key) }

    /// The values, in order.
    public var values: [JSONValue] { entries.map(\.value) }

    /// The position of the member named `key`, or nil.
    public func index(forKey key: String) -> Int? {
        entries.firstIndex { $0.key == key }
    }

    /// Whether a member named `key` exists.
    public func contains(key: String) -> Bool {
        index(forKey: key) != nil
    }

    /// The value for `key`, or nil. Setting a value replaces it in place or appends; setting nil removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            for entry in entries where entry.key == key { return entry.value }
            return nil
        }
        set {
            if let index = index(forKey: key) {
                if let newValue {
                    entries[index].value = newValue
                } else {
                    entries.remove(at: index)
                }
            } else if let newValue {
                entries.append((key: key, value: newValue))
            }
        }
    }

    /// Removes the member named `key` and returns its value, or nil if there was none.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let index = index(forKey: key) else { return nil }
        return entries.remove(at: index).value
    }

    /// The compact JSON text of this object.
    public var description: String { JSONValue.object(self).jsonString }

    /// Whether both objects have the same keys with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for (offset, entry) in lhs.entries.enumerated() {
            // Same order is the common case, so try the same position before scanning.
            let other = rhs.entries[offset]
            if other.key == entry.key {
                guard other.value == entry.value else { return false }
            } else {
                guard let value = rhs[entry.key], value == entry.value else { return false }
            }
        }
        return true
    }

    /// Hashes the members independently of their order, consistently with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined: UInt64 = 0
        for entry in entries {
            var memberHasher = Hasher()
            memberHasher.combine(entry.key)
            memberHasher.combine(entry.value)
            // Addition is commutative, so the order of members does not change the result.
            combined &+= UInt64(bitPattern: Int64(memberHasher.finalize()))
        }
        hasher.combine(entries.count)
        hasher.combine(combined)
    }
}
