extension JSONObject {
    /// An array schema's item schemas: those for the first positions (`prefixItems`, or the older array form of
    /// `items`) and the one for every later position (`items`, or `additionalItems` with the older form).
    var arrayItemSchemas: (prefix: [JSONValue], rest: JSONValue?) {
        if let prefixItems = self["prefixItems"]?.arrayValue { return (prefixItems, self["items"]) }
        if let tuple = self["items"]?.arrayValue { return (tuple, self["additionalItems"]) }
        return ([], self["items"])
    }
}
