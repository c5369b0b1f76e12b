/// Realistic JSON Schemas (OpenAI function-calling and structured-output shapes) for generator tests.
enum JSONSchemaCorpus {
    struct Entry {
        let name: String
        let strict: Bool
        let schema: String
    }

    static let entries: [Entry] = [
        Entry(
            name: "get_weather (strict, enum unit)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "location":{"type":"string","description":"City and country e.g. Bogotá, Colombia"},
                  "unit":{"type":"string","enum":["celsius","fahrenheit"]}},
                 "required":["location","unit"],"additionalProperties":false}
                """#),
        Entry(
            name: "get_current_weather (optional unit)", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "location":{"type":"string","description":"The city and state, e.g. San Francisco, CA"},
                  "unit":{"type":"string","enum":["celsius","fahrenheit"]},
                  "days":{"type":"integer","minimum":1,"maximum":7}},
                 "required":["location"]}
                """#),
        Entry(
            name: "send_email", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "to":{"type":"string","format":"email"},
                  "cc":{"type":"array","items":{"type":"string","format":"email"},"uniqueItems":true,"maxItems":3},
                  "subject":{"type":"string","minLength":1,"maxLength":78},
                  "body":{"type":"string"},
                  "priority":{"type":"string","enum":["low","normal","high"]}},
                 "required":["to","subject","body"],"additionalProperties":false}
                """#),
        Entry(
            name: "create_user (nested address)", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "name":{"type":"string"},
                  "email":{"type":"string","format":"email"},
                  "age":{"type":"integer","minimum":18,"maximum":120},
                  "address":{"type":"object","properties":{
                     "street":{"type":"string"},"city":{"type":"string"},
                     "zip":{"type":"string","pattern":"^\\d{5}$"},"country":{"type":"string"}},
                   "required":["street","city","zip","country"],"additionalProperties":false}},
                 "required":["name","email","address"],"additionalProperties":false}
                """#),
        Entry(
            name: "search_products", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "query":{"type":"string","minLength":1},
                  "max_price":{"type":"number","exclusiveMinimum":0},
                  "categories":{"type":"array","items":{"type":"string","enum":["books","electronics","garden","toys"]},
                                "minItems":1,"maxItems":3,"uniqueItems":true},
                  "in_stock":{"type":"boolean"}},
                 "required":["query","categories"]}
                """#),
        Entry(
            name: "book_flight (strict, array of objects)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "origin":{"type":"string","pattern":"^[A-Z]{3}$"},
                  "destination":{"type":"string","pattern":"^[A-Z]{3}$"},
                  "departure_date":{"type":"string","format":"date"},
                  "passengers":{"type":"array","minItems":1,"items":{"type":"object","properties":{
                      "first_name":{"type":"string"},"last_name":{"type":"string"},
                      "age":{"type":"integer","minimum":0,"maximum":120}},
                    "required":["first_name","last_name","age"],"additionalProperties":false}},
                  "cabin":{"type":"string","enum":["economy","premium","business","first"]}},
                 "required":["origin","destination","departure_date","passengers","cabin"],
                 "additionalProperties":false}
                """#),
        Entry(
            name: "math_reasoning (structured output)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "steps":{"type":"array","items":{"type":"object","properties":{
                      "explanation":{"type":"string"},"output":{"type":"string"}},
                    "required":["explanation","output"],"additionalProperties":false}},
                  "final_answer":{"type":"string"}},
                 "required":["steps","final_answer"],"additionalProperties":false}
                """#),
        Entry(
            name: "calendar_event", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "name":{"type":"string"},"date":{"type":"string"},
                  "participants":{"type":"array","items":{"type":"string"}}},
                 "required":["name","date","participants"],"additionalProperties":false}
                """#),
        Entry(
            name: "nullable fields (anyOf null, type arrays)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "nickname":{"anyOf":[{"type":"string","maxLength":12},{"type":"null"}]},
                  "age":{"type":["integer","null"],"minimum":0},
                  "score":{"type":["number","null"],"maximum":1,"minimum":0}},
                 "required":["nickname","age","score"],"additionalProperties":false}
                """#),
        Entry(
            name: "ui_component (recursive #)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "type":{"type":"string","enum":["div","button","header","section","field","form"]},
                  "label":{"type":"string"},
                  "children":{"type":"array","items":{"$ref":"#"}},
                  "attributes":{"type":"array","items":{"type":"object","properties":{
                      "name":{"type":"string"},"value":{"type":"string"}},
                    "required":["name","value"],"additionalProperties":false}}},
                 "required":["type","label","children","attributes"],"additionalProperties":false}
                """#),
        Entry(
            name: "linked_list ($defs recursion with null)", strict: true,
            schema: #"""
                {"type":"object","properties":{"linked_list":{"$ref":"#/$defs/linked_list_node"}},
                 "$defs":{"linked_list_node":{"type":"object","properties":{
                     "value":{"type":"number"},
                     "next":{"anyOf":[{"$ref":"#/$defs/linked_list_node"},{"type":"null"}]}},
                   "additionalProperties":false,"required":["next","value"]}},
                 "additionalProperties":false,"required":["linked_list"]}
                """#),
        Entry(
            name: "order (definitions, multipleOf 0.01)", strict: false,
            schema: #"""
                {"definitions":{"line_item":{"type":"object","properties":{
                    "sku":{"type":"string","pattern":"^[A-Z]{2}-[0-9]{4}$"},
                    "quantity":{"type":"integer","minimum":1},
                    "unit_price":{"type":"number","minimum":0,"multipleOf":0.01}},
                   "required":["sku","quantity","unit_price"]}},
                 "type":"object","properties":{
                   "order_id":{"type":"string","format":"uuid"},
                   "items":{"type":"array","items":{"$ref":"#/definitions/line_item"},"minItems":2,"maxItems":5},
                   "placed_at":{"type":"string","format":"date-time"}},
                 "required":["order_id","items","placed_at"]}
                """#),
        Entry(
            name: "shape (oneOf with const discriminator)", strict: false,
            schema: #"""
                {"oneOf":[
                  {"type":"object","properties":{"kind":{"const":"circle"},"radius":{"type":"number","exclusiveMinimum":0}},
                   "required":["kind","radius"],"additionalProperties":false},
                  {"type":"object","properties":{"kind":{"const":"rectangle"},
                     "width":{"type":"number","exclusiveMinimum":0},"height":{"type":"number","exclusiveMinimum":0}},
                   "required":["kind","width","height"],"additionalProperties":false}]}
                """#),
        Entry(
            name: "employee (allOf merge)", strict: false,
            schema: #"""
                {"allOf":[
                  {"type":"object","properties":{"id":{"type":"integer","minimum":1}},"required":["id"]},
                  {"properties":{"full_name":{"type":"string"},"department":{"enum":["sales","engineering","support"]}},
                   "required":["full_name","department"]},
                  {"properties":{"id":{"maximum":999}}}]}
                """#),
        Entry(
            name: "numeric constraints", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "temperature":{"type":"number","minimum":-50,"maximum":60},
                  "percentage":{"type":"integer","multipleOf":5,"exclusiveMaximum":100,"minimum":0},
                  "rating":{"type":"number","multipleOf":0.5,"minimum":0,"maximum":5},
                  "count":{"type":"integer","minimum":0},
                  "ratio":{"type":"number","exclusiveMinimum":0,"exclusiveMaximum":1},
                  "offset":{"type":"integer","maximum":-1000}},
                 "required":["temperature","percentage","rating","count","ratio","offset"],"additionalProperties":false}
                """#),
        Entry(
            name: "string constraints and patterns", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "code":{"type":"string","minLength":6,"maxLength":6,"pattern":"^[A-Z0-9]{6}$"},
                  "slug":{"type":"string","pattern":"^[a-z0-9]+(?:-[a-z0-9]+)*$"},
                  "short_title":{"type":"string","maxLength":10},
                  "long_description":{"type":"string","minLength":40},
                  "phone":{"type":"string","pattern":"^\\+?[0-9]{1,3}[ -]?\\(?[0-9]{3}\\)?[ -]?[0-9]{3}-[0-9]{4}$"},
                  "hex_color":{"type":"string","pattern":"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}},
                 "required":["code","slug","short_title","long_description","phone","hex_color"],
                 "additionalProperties":false}
                """#),
        Entry(
            name: "formats", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "created_at":{"type":"string","format":"date-time"},
                  "birthday":{"type":"string","format":"date"},
                  "alarm":{"type":"string","format":"time"},
                  "id":{"type":"string","format":"uuid"},
                  "homepage":{"type":"string","format":"uri"},
                  "contact":{"type":"string","format":"email"},
                  "server":{"type":"string","format":"hostname"},
                  "ip":{"type":"string","format":"ipv4"}},
                 "required":["created_at","birthday","alarm","id","homepage","contact","server","ip"],
                 "additionalProperties":false}
                """#),
        Entry(
            name: "tuple (prefixItems)", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "coordinates":{"type":"array","prefixItems":[{"type":"number","minimum":-90,"maximum":90},
                                                              {"type":"number","minimum":-180,"maximum":180}],
                                 "items":false,"minItems":2}},
                 "required":["coordinates"]}
                """#),
        Entry(
            name: "tuple (draft-07 items array)", strict: false,
            schema: #"""
                {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{
                  "pair":{"type":"array","items":[{"type":"string"},{"type":"integer"}],"additionalItems":false}},
                 "required":["pair"]}
                """#),
        Entry(
            name: "maps and free-form objects", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "scores":{"type":"object","additionalProperties":{"type":"integer","minimum":0,"maximum":100}},
                  "metadata":{"type":"object"},
                  "labels":{"type":"object","additionalProperties":{"type":"string"},"minProperties":2,"maxProperties":4}},
                 "required":["scores","metadata","labels"]}
                """#),
        Entry(name: "empty schema", strict: false, schema: "{}"),
        Entry(name: "true schema", strict: false, schema: "true"),
        Entry(
            name: "entity_extraction", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "people":{"type":"array","items":{"type":"object","properties":{
                      "name":{"type":"string"},"role":{"type":"string","enum":["author","editor","reviewer"]},
                      "organizations":{"type":"array","items":{"type":"string"}}},
                    "required":["name","role","organizations"],"additionalProperties":false}},
                  "summary":{"type":"string"}},
                 "required":["people","summary"],"additionalProperties":false}
                """#),
        Entry(
            name: "moderation (nullable enum)", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "is_violating":{"type":"boolean"},
                  "category":{"type":["string","null"],"enum":["violence","sexual","self_harm",null]},
                  "explanation_if_violating":{"type":["string","null"]}},
                 "required":["is_violating","category","explanation_if_violating"],"additionalProperties":false}
                """#),
        Entry(
            name: "nested settings", strict: false,
            schema: #"""
                {"type":"object","properties":{"settings":{"type":"object","properties":{
                   "display":{"type":"object","properties":{
                      "theme":{"type":"string","enum":["light","dark","system"]},
                      "font_size":{"type":"integer","minimum":8,"maximum":32}},"required":["theme"]},
                   "notifications":{"type":"object","properties":{
                      "email":{"type":"boolean"},"sms":{"type":"boolean"},
                      "frequency":{"type":"string","enum":["instant","daily","weekly"]}},
                    "required":["email","sms","frequency"]}},
                  "required":["display","notifications"]}},
                 "required":["settings"]}
                """#),
        Entry(
            name: "computer actions (anyOf discriminated by const)", strict: true,
            schema: #"""
                {"type":"object","properties":{"actions":{"type":"array","minItems":1,"maxItems":4,"items":{"anyOf":[
                   {"type":"object","properties":{"type":{"type":"string","const":"click"},
                      "x":{"type":"integer","minimum":0,"maximum":1920},"y":{"type":"integer","minimum":0,"maximum":1080}},
                    "required":["type","x","y"],"additionalProperties":false},
                   {"type":"object","properties":{"type":{"type":"string","const":"type"},"text":{"type":"string"}},
                    "required":["type","text"],"additionalProperties":false},
                   {"type":"object","properties":{"type":{"type":"string","const":"scroll"},
                      "dx":{"type":"integer"},"dy":{"type":"integer"}},
                    "required":["type","dx","dy"],"additionalProperties":false}]}}},
                 "required":["actions"],"additionalProperties":false}
                """#),
        Entry(
            name: "org chart (nullable $ref, minProperties)", strict: false,
            schema: #"""
                {"$defs":{"person":{"type":"object","properties":{
                    "name":{"type":"string"},"title":{"type":"string"},
                    "manager":{"anyOf":[{"$ref":"#/$defs/person"},{"type":"null"}]}},
                  "required":["name","manager"]}},
                 "type":"object","properties":{"ceo":{"$ref":"#/$defs/person"},
                   "tags":{"type":"object","additionalProperties":{"type":"string"},"minProperties":1}},
                 "required":["ceo"]}
                """#),
        Entry(
            name: "mixed enums", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "level":{"enum":[1,2,3]},
                  "mode":{"enum":["auto",0,null,{"custom":true}]},
                  "flags":{"type":"array","items":{"type":"boolean"},"maxItems":2,"uniqueItems":true}},
                 "required":["level","mode","flags"]}
                """#),
    ]

    /// Schemas that exercise merging, backtracking and edge cases rather than realistic tools.
    static let tricky: [Entry] = [
        Entry(
            name: "allOf where one part forbids the other's optional property", strict: false,
            schema: #"""
                {"allOf":[{"type":"object","properties":{"a":{"type":"string"}},"required":["a"],
                           "additionalProperties":false},
                          {"properties":{"b":{"type":"integer"}}}]}
                """#),
        Entry(
            name: "oneOf with overlapping ranges", strict: false,
            schema: #"{"oneOf":[{"type":"integer","minimum":0},{"type":"integer","maximum":10}]}"#),
        Entry(
            name: "fractional multipleOf", strict: true,
            schema: #"""
                {"type":"object","properties":{
                  "tenth":{"type":"number","multipleOf":0.1},
                  "cents":{"type":"number","multipleOf":0.01,"exclusiveMinimum":0,"maximum":1},
                  "even":{"type":"integer","multipleOf":2.5,"minimum":1},
                  "third":{"type":"number","multipleOf":0.3333,"minimum":1,"maximum":2}},
                 "required":["tenth","cents","even","third"]}
                """#),
        Entry(
            name: "anyOf skipping impossible branches", strict: false,
            schema: #"""
                {"anyOf":[{"type":"string","minLength":5,"maxLength":2},{"type":"integer","minimum":3,"maximum":1},
                          {"type":"boolean"}]}
                """#),
        Entry(
            name: "not", strict: false,
            schema: #"{"type":"integer","minimum":1,"maximum":3,"not":{"const":2}}"#),
        Entry(
            name: "ref chain", strict: false,
            schema: #"""
                {"$ref":"#/$defs/a","$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/c"},
                 "c":{"type":"string","minLength":3}}}
                """#),
        Entry(
            name: "enum of objects and unique small enum", strict: false,
            schema: #"""
                {"type":"object","properties":{
                  "preset":{"enum":[{"w":1,"h":2},{"w":3,"h":4}]},
                  "digits":{"type":"array","items":{"enum":[1,2,3]},"minItems":3,"uniqueItems":true}},
                 "required":["preset","digits"]}
                """#),
        Entry(
            name: "required property only in additionalProperties", strict: false,
            schema: #"""
                {"type":"object","properties":{"known":{"type":"boolean"}},"required":["known","extra"],
                 "additionalProperties":{"type":"integer","minimum":10,"maximum":20}}
                """#),
        Entry(
            name: "type array object or array", strict: false,
            schema: #"{"type":["object","array"],"minItems":1,"items":{"type":"integer"},"required":["id"]}"#),
        Entry(
            name: "pattern alternation", strict: false,
            schema: #"{"type":"string","pattern":"^(foo|bar|baz)-\\d{2,4}(\\.[a-f]+)?$"}"#),
        Entry(
            name: "draft-04 boolean exclusive bounds", strict: false,
            schema: #"""
                {"$schema":"http://json-schema.org/draft-04/schema#","type":"object","properties":{
                  "x":{"type":"number","minimum":0,"exclusiveMinimum":true,"maximum":1,"exclusiveMaximum":true},
                  "n":{"type":"integer","minimum":5,"exclusiveMinimum":true,"maximum":7}},
                 "required":["x","n"]}
                """#),
        Entry(
            name: "empty string and tiny number range", strict: false,
            schema: #"""
                {"type":"object","properties":{"empty":{"type":"string","maxLength":0},
                  "tiny":{"type":"number","minimum":0.1,"maximum":0.10000000000000002}},
                 "required":["empty","tiny"]}
                """#),
        Entry(
            name: "allOf intersecting enums and types", strict: false,
            schema: #"""
                {"allOf":[{"enum":["a","b","c",1]},{"enum":["b","c","d"]},{"type":"string"},{"not":{"const":"c"}}]}
                """#),
        Entry(
            name: "anyOf of required alternatives", strict: false,
            schema: #"""
                {"type":"object","properties":{"email":{"type":"string","format":"email"},
                  "phone":{"type":"string"},"note":{"type":"string"}},
                 "anyOf":[{"required":["email"]},{"required":["phone"]}],"additionalProperties":false}
                """#),
        Entry(
            name: "oneOf null or string", strict: false,
            schema: #"{"oneOf":[{"type":"null"},{"type":"string","minLength":1}]}"#),
        Entry(
            name: "anyOf inside allOf with refs", strict: false,
            schema: #"""
                {"$defs":{"named":{"type":"object","properties":{"name":{"type":"string"}},"required":["name"]},
                          "aged":{"type":"object","properties":{"age":{"type":"integer","minimum":0,"maximum":150}},
                                  "required":["age"]}},
                 "allOf":[{"$ref":"#/$defs/named"},{"anyOf":[{"$ref":"#/$defs/aged"},
                          {"properties":{"born":{"type":"string","format":"date"}},"required":["born"]}]}]}
                """#),
        Entry(
            name: "deep recursion through required arrays with minItems 0", strict: true,
            schema: #"""
                {"$defs":{"node":{"type":"object","properties":{"id":{"type":"integer"},
                   "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}},"required":["id","kids"],
                   "additionalProperties":false}},"$ref":"#/$defs/node"}
                """#),
    ]
}
