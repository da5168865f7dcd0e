/// JSON objects whose members are all strings, such as the free `properties` of an incident,
/// read with `JSONParser` (the project's one JSON reader). On the incidents' PostgreSQL row
/// stream this replaced Foundation's `JSONDecoder` (see Benchmarks/README.md, incidents).
public enum JSONStringObject {
    /// The members of the JSON object in `text` (the last of repeated keys wins).
    /// - Throws: `FormatError` when `text` is not JSON or not an object of strings.
    public static func parse(_ text: String) throws -> [String: String] {
        var text = text
        let value = try text.withUTF8 { try JSONParser.parse(bytes: $0, maxDepth: 2) }
        guard case .object(let object) = value else { throw FormatError("\(value.kindName), not an object") }
        var out: [String: String] = [:]
        out.reserveCapacity(object.members.count)
        for (key, member) in object.members {
            guard case .string(let s) = member else { throw FormatError("member \"\(key)\" is \(member.kindName), not a string") }
            out[key] = s
        }
        return out
    }
}
