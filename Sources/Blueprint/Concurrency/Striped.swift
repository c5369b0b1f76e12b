/// One `Element` per `ThreadStripe`: the calling thread works on `current`, a reading goes over `all`.
struct Striped<Element: Sendable>: Sendable {
    /// Every stripe's element, by stripe index.
    let all: [Element]

    /// Makes each stripe's element with `make`.
    init(_ make: () -> Element) {
        all = (0..<ThreadStripe.count).map { _ in make() }
    }

    /// The calling thread's element.
    var current: Element { all[ThreadStripe.current] }
}
