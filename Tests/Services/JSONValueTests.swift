import Blueprint
import Testing

@Suite("JSONValue and JSONObject")
struct JSONValueTests {
    @Test("accessors return values only for the matching case")
    func accessors() {
        let value: JSONValue = [
            "s": "text", "i": 3, "d": 2.0, "f": 2.5, "b": true, "n": nil, "a": [1], "o": ["k": "v"],
        ]
        #expect(value["s"]?.stringValue == "text")
        #expect(value["i"]?.intValue == 3)
        #expect(value["d"]?.intValue == 2)
        #expect(value["f"]?.intValue == nil)
        #expect(value["i"]?.doubleValue == 3.0)
        #expect(value["f"]?.doubleValue == 2.5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["n"]?.isNull == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["a"]?[0] == 1)
        #expect(value["a"]?[1] == nil)
        #expect(value["o"]?.objectValue?["k"] == "v")
        #expect(value["missing"] == nil)
        #expect(value["s"]?["x"] == nil)
        #expect(value["s"]?.intValue == nil)
        #expect(JSONValue.double(1e300).intValue == nil)
        #expect(JSONValue.double(.nan).intValue == nil)
    }

    @Test("type names for error messages")
    func typeNames() {
        let values: [JSONValue] = [nil, true, 1, 1.5, "s", [], [:]]
        #expect(values.map(\.typeName) == ["null", "boolean", "number", "number", "string", "array", "object"])
    }

    @Test("numbers compare by value and hash consistently")
    func numericEquality() {
        #expect(JSONValue.int(1) == .double(1.0))
        #expect(JSONValue.double(-0.0) == .int(0))
        #expect(JSONValue.int(1) != .double(1.5))
        #expect(JSONValue.int(Int.max) != .double(0x1p63))
        #expect(JSONValue.int(1) != .string("1"))
        #expect(JSONValue.bool(true) != .int(1))
        #expect(Set<JSONValue>([.int(1), .double(1.0), .double(-0.0), .int(0)]).count == 2)
    }

    @Test("objects compare and hash without regard to order")
    func objectEquality() {
        let first: JSONObject = ["a": 1, "b": [true]]
        let second: JSONObject = ["b": [true], "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != ["a": 1])
        #expect(first != ["a": 1, "c": [true]])
        #expect(first.keys == ["a", "b"])
        #expect(second.keys == ["b", "a"])
    }

    @Test("objects keep insertion order; setting replaces in place and nil removes")
    func objectMutation() {
        var object = JSONObject()
        object["z"] = 1
        object["a"] = 2
        object["m"] = 3
        object["a"] = "two"
        #expect(object.keys == ["z", "a", "m"])
        #expect(object["a"] == "two")
        object["z"] = nil
        #expect(object.keys == ["a", "m"])
        object["m"] = .null
        #expect(object["m"] == .null && object.count == 2)
        #expect(object.removeValue(forKey: "a") == "two")
        #expect(object.removeValue(forKey: "a") == nil)
        #expect(object.map(\.key) == ["m"])
        #expect(JSONObject([("x", 1), ("y", 2), ("x", 3)]).entries.map(\.key) == ["x", "y"])
        #expect(JSONObject([("x", 1), ("y", 2), ("x", 3)])["x"] == 3)
        #expect(object.description == #"{"m":null}"#)
    }

    @Test("literals build the expected cases")
    func literals() {
        let value: JSONValue = ["list": [1, 2.5, "x", false, nil]]
        guard case .object(let object) = value, case .array(let list)? = object["list"] else {
            Issue.record("unexpected shape \(value)")
            return
        }
        guard case .int(1) = list[0], case .double(2.5) = list[1], case .string("x") = list[2],
            case .bool(false) = list[3], case .null = list[4]
        else {
            Issue.record("unexpected elements \(list)")
            return
        }
        let optional: JSONValue? = nil
        #expect(optional == nil)
    }
}
