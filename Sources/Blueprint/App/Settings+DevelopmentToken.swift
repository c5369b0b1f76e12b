extension Settings {
    /// A random API key for development: `dev_` followed by 32 base62 characters (about 190 bits),
    /// from the system's cryptographically secure generator (`getrandom` on Linux).
    public static func randomDevelopmentToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return randomDevelopmentToken(using: &generator)
    }

    /// A development API key drawn from `generator`: `dev_` followed by 32 base62 characters.
    public static func randomDevelopmentToken(using generator: inout some RandomNumberGenerator) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var bytes = Array("dev_".utf8)
        for _ in 0..<32 {
            // random(in:) rejects biased draws, so every character is equally likely.
            bytes.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
