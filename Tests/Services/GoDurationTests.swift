import Blueprint
import Testing

@Suite struct GoDurationTests {
    @Test(arguments: [
        (Int64(0), "0s"),
        (1, "1ns"),
        (999, "999ns"),
        (1_100, "1.1µs"),
        (2_200_000, "2.2ms"),
        (20_000_000, "20ms"),
        (1_000_000_000, "1s"),
        (1_500_000_000, "1.5s"),
        (3_800_000_000, "3.8s"),
        (8_640_000_000, "8.64s"),
        (60_000_000_000, "1m0s"),
        (360_000_000_000, "6m0s"),
        (3_600_000_000_000, "1h0m0s"),
        (3_723_000_000_000, "1h2m3s"),
        (4_000_000_001, "4.000000001s"),
        (-1_500_000_000, "-1.5s"),
        (-1, "-1ns"),
        (Int64.max, "2562047h47m16.854775807s"),
        (Int64.min, "-2562047h47m16.854775808s"),
    ])
    func matchesGo(nanoseconds: Int64, expected: String) {
        #expect(GoDuration.format(nanoseconds: nanoseconds) == expected)
    }

    @Test func formatsSwiftDurations() {
        #expect(GoDuration.format(.seconds(1)) == "1s")
        #expect(GoDuration.format(.milliseconds(1_500)) == "1.5s")
        #expect(GoDuration.format(.seconds(-90)) == "-1m30s")
        #expect(GoDuration.format(.zero) == "0s")
    }

    @Test func convertsDurationsToNanoseconds() {
        #expect(GoDuration.nanoseconds(of: .milliseconds(1_500)) == 1_500_000_000)
        #expect(GoDuration.nanoseconds(of: .nanoseconds(-7)) == -7)
        #expect(GoDuration.nanoseconds(of: .seconds(Int64.max)) == .max)
        #expect(GoDuration.nanoseconds(of: .seconds(Int64.min)) == .min)
    }

    @Test func headerValueRoundsUpToMilliseconds() {
        #expect(GoDuration.headerValue(.nanoseconds(1)) == "1ms")
        #expect(GoDuration.headerValue(.microseconds(1_500)) == "2ms")
        #expect(GoDuration.headerValue(.milliseconds(12)) == "12ms")
        #expect(GoDuration.headerValue(.nanoseconds(1_000_000_001)) == "1.001s")
        #expect(GoDuration.headerValue(.seconds(360)) == "6m0s")
        #expect(GoDuration.headerValue(.zero) == "0s")
        #expect(GoDuration.headerValue(.seconds(-3)) == "0s")
    }

    @Test func headerValueIsASCII() {
        for nanoseconds in [Int64(1), 999, 1_000, 999_999, 1_000_001, 5_000_000_000] {
            #expect(GoDuration.headerValue(.nanoseconds(nanoseconds)).utf8.allSatisfy { $0 < 0x80 })
        }
    }
}
