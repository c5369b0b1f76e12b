/// Small built-in word lists that make generated instances read like plausible data.
enum JSONSchemaWords {
    static let adjectives = [
        "quiet", "bright", "gentle", "rapid", "golden", "silver", "ancient", "modern", "simple", "clever",
        "friendly", "careful", "sunny", "windy", "calm", "bold", "fresh", "warm", "little", "grand",
    ]
    static let nouns = [
        "harbor", "garden", "river", "mountain", "library", "market", "village", "forest", "bridge", "meadow",
        "lantern", "journey", "window", "orchard", "canyon", "island", "compass", "notebook", "kitchen", "station",
    ]
    static let verbs = [
        "visit", "explore", "review", "prepare", "schedule", "compare", "collect", "discover", "plan", "share",
    ]
    static let firstNames = [
        "Alice", "Bruno", "Chloe", "Daniel", "Elena", "Felix", "Grace", "Hiro", "Isabel", "Jonas",
        "Keiko", "Liam", "Maya", "Noah", "Olivia", "Priya", "Rafael", "Sofia", "Tomas", "Zara",
    ]
    static let lastNames = [
        "Smith", "Garcia", "Chen", "Meyer", "Rossi", "Tanaka", "Novak", "Silva", "Dubois", "Kowalski",
        "Johnson", "Patel", "Nielsen", "Okafor", "Larsen", "Moreau", "Santos", "Weber", "Kim", "Haddad",
    ]
    static let places: [(city: String, country: String)] = [
        ("Paris", "France"), ("Tokyo", "Japan"), ("Lisbon", "Portugal"), ("Toronto", "Canada"),
        ("Nairobi", "Kenya"), ("Oslo", "Norway"), ("Melbourne", "Australia"), ("Seoul", "South Korea"),
        ("Lima", "Peru"), ("Vienna", "Austria"), ("Boston", "United States"), ("Cape Town", "South Africa"),
        ("Prague", "Czechia"), ("Dublin", "Ireland"), ("Singapore", "Singapore"), ("Montreal", "Canada"),
        ("Zurich", "Switzerland"), ("Austin", "United States"), ("Kyoto", "Japan"), ("Madrid", "Spain"),
    ]
    static let regions = [
        "California", "Ontario", "Bavaria", "Queensland", "Texas", "Catalonia", "Hokkaido", "Tuscany", "Oregon",
        "Quebec",
    ]
    static let streets = [
        "Market Street", "Oak Avenue", "Maple Road", "River Lane", "Harbor Way", "Elm Street", "Hill Road",
        "Park Avenue", "Station Road", "Garden Row",
    ]
    static let companies = [
        "Acme Corp", "Northwind Traders", "Globex", "Blue Harbor Labs", "Summit Analytics", "Green Leaf Foods",
        "Bright Path Studio", "Silverline Logistics",
    ]
    static let colors = ["red", "blue", "green", "yellow", "purple", "orange", "teal", "black", "white", "gray"]
    static let languages = ["English", "French", "Spanish", "German", "Japanese", "Portuguese", "Italian", "Korean"]
    static let currencies = ["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "SEK"]
    static let statuses = ["active", "pending", "completed", "archived", "draft"]
    static let products = [
        "wireless headphones", "coffee grinder", "desk lamp", "running shoes", "travel backpack", "water bottle",
        "notebook set", "yoga mat",
    ]
    static let domains = ["example.com", "example.org", "example.net"]
}
