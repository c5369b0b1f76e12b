import Blueprint
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test("names match case-insensitively; repeated names keep every value in order")
    func lookup() {
        var headers: HTTPHeaders = ["Content-Type": "application/json", "X-Trace": "a"]
        headers.add(name: "x-trace", value: "b")
        #expect(headers["content-type"] == "application/json")
        #expect(headers["CONTENT-TYPE"] == "application/json")
        #expect(headers.values(for: "X-TRACE") == ["a", "b"])
        #expect(headers["missing"] == nil)
        #expect(!headers.contains("content"))
    }

    @Test("set replaces every field of the name; remove drops them and keeps the rest in order")
    func setAndRemove() {
        var headers: HTTPHeaders = ["a": "1", "B": "2", "b": "3", "c": "4"]
        headers.set(name: "b", value: "5")
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["a=1", "c=4", "b=5"])
        headers.remove(name: "A")
        #expect(headers.map { "\($0.name)=\($0.value)" } == ["c=4", "b=5"])
        headers.remove(name: "absent")
        #expect(headers.count == 2)
    }

    @Test("CR, LF and NUL cannot inject a field: values get spaces, names get dashes, as do colons in names")
    func sanitised() {
        var headers = HTTPHeaders()
        headers.add(name: "x-a\r\nx-b: c", value: "1\r\nset-cookie: 2\u{0}")
        let field = headers.map { $0 }
        #expect(field.count == 1)
        #expect(field.first?.name == "x-a--x-b- c")
        #expect(field.first?.value == "1  set-cookie: 2 ")
    }

    @Test("many fields added to a copy of a shared list leave the original untouched")
    func growthAndCopies() {
        let shared: HTTPHeaders = ["content-type": "application/json"]
        var grown = shared
        for index in 0..<40 { grown.add(name: "x-\(index)", value: String(repeating: "v", count: index)) }
        #expect(shared.count == 1)
        #expect(grown.count == 41)
        #expect(grown["x-39"] == String(repeating: "v", count: 39))
        #expect(grown["content-type"] == "application/json")
    }

    @Test("withFirstValue hands over the first value's bytes, or nil")
    func firstValueBytes() {
        let headers: HTTPHeaders = ["Authorization": "Bearer k1", "authorization": "Bearer k2"]
        let value = headers.withFirstValue(of: "AUTHORIZATION") { $0.map { String(decoding: $0, as: UTF8.self) } }
        #expect(value == "Bearer k1")
        #expect(headers.withFirstValue(of: "cookie") { $0 == nil })
    }

    @Test("containsName(withPrefix:) finds a name starting with the prefix, case-insensitively")
    func prefix() {
        let plain: HTTPHeaders = ["host": "x", "x-mock": "too short", "content-type": "application/json"]
        #expect(!plain.containsName(withPrefix: "x-mock-"))
        let controlled: HTTPHeaders = ["host": "x", "X-Mock-TTFT-ms": "5"]
        #expect(controlled.containsName(withPrefix: "x-mock-"))
        #expect(HTTPHeaders().containsName(withPrefix: "") == false)
        #expect(controlled.containsName(withPrefix: ""))
    }
}
