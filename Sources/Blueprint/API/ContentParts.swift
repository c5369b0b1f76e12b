/// The text of a message's `content`: a string, or an array of content parts whose text parts are joined. Parts of
/// the accepted non-text kinds (images, audio, files) contribute no text; any other kind is a 400 naming it.
enum ContentParts {
    /// The text, or nil when `content` is absent or null. `param` names `content` in errors.
    static func text(
        of content: JSONValue?, param: @autoclosure () -> String, textTypes: [String], otherTypes: [String]
    ) throws -> String? {
        guard let value = content.present else { return nil }
        if let text = value.stringValue { return text }
        guard value.arrayValue != nil else {
            throw RequestFields.typeError(
                param: param(), expected: "a string or an array of content parts", got: value)
        }
        var text = ""
        for part in try content.objects(param: param()) {
            let type = try part.requiredString("type")
            if textTypes.contains(type) {
                text += try part.requiredString("text")
            } else if type == "refusal" {
                text += try part.requiredString("refusal")
            } else if !otherTypes.contains(type) {
                throw part.invalidValue("type", type, allowed: textTypes + otherTypes + ["refusal"])
            }
        }
        return text
    }
}
