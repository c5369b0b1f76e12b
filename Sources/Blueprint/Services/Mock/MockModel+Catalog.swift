extension MockModel {
    /// Blueprint's own models (`blueprint-mock`, `blueprint-echo`, `blueprint-embed`) and the OpenAI model ids
    /// clients already send, with fixed `created` times and OpenAI's `owned_by` values.
    public static let defaultModels: [ModelDescriptor] = [
        ModelDescriptor(id: "blueprint-mock", created: 1_735_689_600, ownedBy: "blueprint", kind: .text),
        ModelDescriptor(id: echoModelID, created: 1_735_689_600, ownedBy: "blueprint", kind: .text),
        ModelDescriptor(id: "blueprint-embed", created: 1_735_689_600, ownedBy: "blueprint", kind: .embedding),
        ModelDescriptor(id: "gpt-4o", created: 1_715_367_049, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-4o-mini", created: 1_721_172_741, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-4.1", created: 1_744_316_542, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-4.1-mini", created: 1_744_318_173, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-4.1-nano", created: 1_744_321_707, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-5", created: 1_754_425_777, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-5-mini", created: 1_754_425_928, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-5-nano", created: 1_754_426_384, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "o3", created: 1_744_225_308, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "o3-mini", created: 1_737_146_383, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "o4-mini", created: 1_744_225_351, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "gpt-3.5-turbo", created: 1_677_610_602, ownedBy: "openai", kind: .text),
        ModelDescriptor(id: "gpt-3.5-turbo-instruct", created: 1_692_901_427, ownedBy: "system", kind: .text),
        ModelDescriptor(id: "text-embedding-3-small", created: 1_705_948_997, ownedBy: "system", kind: .embedding),
        ModelDescriptor(id: "text-embedding-3-large", created: 1_705_953_180, ownedBy: "system", kind: .embedding),
        ModelDescriptor(
            id: "text-embedding-ada-002", created: 1_671_217_299, ownedBy: "openai-internal", kind: .embedding),
    ]

    /// The vector size of an embedding model: 3072 for `text-embedding-3-large`, 256 for `blueprint-embed`, 1536
    /// for the others (`text-embedding-3-small`, `text-embedding-ada-002` and any custom embedding model).
    public static func embeddingDimensions(of model: String) -> Int {
        switch model {
        case "text-embedding-3-large": return 3072
        case "blueprint-embed": return 256
        default: return 1536
        }
    }

    /// Whether an embedding model accepts `dimensions` (text-embedding-3 models and `blueprint-embed`).
    public static func acceptsDimensions(_ model: String) -> Bool {
        model.hasPrefix("text-embedding-3") || model == "blueprint-embed"
    }
}
