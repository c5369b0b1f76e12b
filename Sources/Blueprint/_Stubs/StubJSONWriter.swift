// TEMPORARY: replaced by helper's writer.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    var comma: [Bool] = [false]
    public init() {}
    mutating func sep() { if comma[comma.count - 1] { bytes.append(44) }; comma[comma.count - 1] = true }
    public mutating func beginObject() { sep(); bytes.append(123); comma.append(false) }
    public mutating func endObject() { bytes.append(125); comma.removeLast() }
    public mutating func key(_ k: String) { sep(); str(k); bytes.append(58); comma[comma.count - 1] = false }
    mutating func str(_ s: String) { bytes.append(34); for b in s.utf8 { if b == 34 || b == 92 { bytes.append(92) }; bytes.append(b) }; bytes.append(34) }
    public mutating func string(_ s: String) { sep(); str(s) }
    public mutating func field(_ k: String, _ v: String?) { key(k); if let v { string(v) } else { sep(); bytes.append(contentsOf: "null".utf8) } }
}
