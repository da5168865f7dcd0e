import Foundation

/// Co-travel networks as GraphML and as link tables for i2 Analyst's Notebook.
public enum PlateLinkExport {
    /// GraphML 1.0 (http://graphml.graphdrawing.org/) text of an undirected co-travel network:
    /// one node per plate (data key `plate`, `type` = "Vehicle"), one edge per link with data
    /// keys `link_type`, `count` (events, int), `cameras` (distinct cameras, int), `first_time`,
    /// `last_time` (ISO 8601 UTC). Node ids are `n0`, `n1`, … in plate order; text is XML-escaped.
    public static func graphML(_ links: [CoTravelLink]) -> String {
        let plates = Array(Set(links.flatMap { [$0.plate1, $0.plate2] })).sorted()
        let id = Dictionary(uniqueKeysWithValues: plates.enumerated().map { ($1, "n\($0)") })
        var x = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
          <key id="plate" for="node" attr.name="plate" attr.type="string"/>
          <key id="type" for="node" attr.name="type" attr.type="string"/>
          <key id="link_type" for="edge" attr.name="link_type" attr.type="string"/>
          <key id="count" for="edge" attr.name="count" attr.type="int"/>
          <key id="cameras" for="edge" attr.name="cameras" attr.type="int"/>
          <key id="first_time" for="edge" attr.name="first_time" attr.type="string"/>
          <key id="last_time" for="edge" attr.name="last_time" attr.type="string"/>
          <graph id="co-travel" edgedefault="undirected">

        """
        for p in plates {
            x += "    <node id=\"\(id[p] ?? "")\"><data key=\"plate\">\(escape(p))</data><data key=\"type\">Vehicle</data></node>\n"
        }
        for (k, l) in links.enumerated() {
            x += "    <edge id=\"e\(k)\" source=\"\(id[l.plate1] ?? "")\" target=\"\(id[l.plate2] ?? "")\">"
            x += "<data key=\"link_type\">\(escape(l.linkType))</data><data key=\"count\">\(l.count)</data>"
            x += "<data key=\"cameras\">\(l.cameras.count)</data>"
            x += "<data key=\"first_time\">\(PlateTime.text(l.first))</data><data key=\"last_time\">\(PlateTime.text(l.last))</data></edge>\n"
        }
        x += "  </graph>\n</graphml>\n"
        return x
    }

    /// The header of `linkTable`.
    public static let linkTableHeader = ["Entity1_ID", "Entity1_Type", "Entity2_ID", "Entity2_Type",
                                         "Link_Type", "First_Time", "Last_Time", "Count"]

    /// A link table (CSV, RFC 4180, CRLF line ends, UTF-8): the header `linkTableHeader`, then
    /// one row per link: plate 1, "Vehicle", plate 2, "Vehicle", link type, first and last time
    /// (ISO 8601 UTC), event count. An i2 Analyst's Notebook import specification maps the
    /// columns to two entities and a link. Cells that start with `=`, `+`, `-` or `@` get a
    /// leading apostrophe so spreadsheets do not run them as formulas.
    public static func linkTable(_ links: [CoTravelLink]) -> String {
        var rows = [linkTableHeader.joined(separator: ",")]
        for l in links {
            rows.append([l.plate1, "Vehicle", l.plate2, "Vehicle", l.linkType, PlateTime.text(l.first),
                         PlateTime.text(l.last), String(l.count)].map(cell).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func cell(_ raw: String) -> String {
        var s = raw
        if let f = s.first, "=+-@".contains(f) { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
