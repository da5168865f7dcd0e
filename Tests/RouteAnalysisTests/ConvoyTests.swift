import Foundation
import GeoCore
import Testing
import TestSupport
@testable import RouteAnalysis

@Suite("Convoys, co-travel links, GraphML and link tables")
struct ConvoyTests {
    @Test("Poisson binomial tail by hand")
    func poissonBinomial() {
        #expect(abs(PoissonBinomial.upperTail([0.5, 0.5], atLeast: 1) - 0.75) < 1e-15)
        #expect(abs(PoissonBinomial.upperTail([0.5, 0.5], atLeast: 2) - 0.25) < 1e-15)
        // 0.1·0.2·0.7 + 0.1·0.8·0.3 + 0.9·0.2·0.3 + 0.1·0.2·0.3 = 0.098
        #expect(abs(PoissonBinomial.upperTail([0.1, 0.2, 0.3], atLeast: 2) - 0.098) < 1e-15)
        #expect(PoissonBinomial.upperTail([0.1], atLeast: 2) == 0)
        #expect(PoissonBinomial.upperTail([0.1], atLeast: 0) == 1)
    }

    @Test("the planted convoys are found and nothing else; the one-trip platoon only with minJourneys 1")
    func syntheticConvoys() throws {
        let stream = PlateSyntheticStream.make()
        let strict = try ConvoyDetector.detect(target: "SYN-TARGET", sightings: stream, minJourneys: 2)
        #expect(Set(strict.map(\.link.plate2)) == ["SYN-CONVOY-A", "SYN-CONVOY-B"])
        for m in strict {
            #expect(m.link.cameras.count == 9 && m.link.count == 18 && m.journeys == 2)
            #expect(m.adjustedPValue < 1e-10)
            #expect(m.feature["target"] == .string("SYN-TARGET"))
            #expect(m.cameraPositions.count == 9)
        }
        let loose = try ConvoyDetector.detect(target: "SYN-TARGET", sightings: stream)
        #expect(Set(loose.map(\.link.plate2)) == ["SYN-CONVOY-A", "SYN-CONVOY-B", "SYN-PLATOON"])
        #expect(throws: RouteAnalysisError.self) { try ConvoyDetector.detect(target: "SYN-NOBODY", sightings: stream) }
    }

    @Test("p-value by hand: q = 1 − exp(−n·V·2w/N) per camera, Bonferroni over N − 1 plates")
    func pValueByHand() throws {
        // 3 cameras; at each, 22 plates are read once within one hour (span 1 h): V = 22/h, N = 22.
        // The target and SYN-P are read 60 s apart at every camera; w = 120 s.
        let t0 = PlateSyntheticStream.start
        var s: [PlateSighting] = []
        for c in 0..<3 {
            let cam = "SYN-C\(c)", base = Double(c) * 7200
            s.append(PlateSighting(plate: "SYN-T", cameraID: cam, time: t0.addingTimeInterval(base + 1800), lon: 69 + Double(c), lat: 41))
            s.append(PlateSighting(plate: "SYN-P", cameraID: cam, time: t0.addingTimeInterval(base + 1860), lon: 69 + Double(c), lat: 41))
            for k in 0..<20 {
                let t = k == 0 ? base : k == 19 ? base + 3600 : base + 2400 + Double(k) * 10
                s.append(PlateSighting(plate: "SYN-O\(k)", cameraID: cam, time: t0.addingTimeInterval(t), lon: 69 + Double(c), lat: 41))
            }
        }
        let members = try ConvoyDetector.detect(target: "SYN-T", sightings: s, alpha: 1)
        let p = try #require(members.first { $0.link.plate2 == "SYN-P" })
        let q = 1 - exp(-1 * 22 * (240.0 / 3600) / 22)
        #expect(abs(p.pValue - q * q * q) < 1e-15)
        #expect(abs(p.adjustedPValue - 21 * q * q * q) < 1e-15)
        #expect(members.allSatisfy { $0.link.cameras.count >= 3 })
        // 21·q³ ≈ 0.0056: significant at alpha 0.01, not at 0.005.
        #expect(try ConvoyDetector.detect(target: "SYN-T", sightings: s, alpha: 0.01).map(\.link.plate2) == ["SYN-P"])
        #expect(try ConvoyDetector.detect(target: "SYN-T", sightings: s, alpha: 0.005).isEmpty)
    }

    @Test("GraphML parses with Python's xml.etree: nodes, edges, keys and data")
    func graphML() throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        let stream = PlateSyntheticStream.make()
        let links = try CoTravel.links(stream.filter { $0.plate.hasPrefix("SYN-CONVOY") || $0.plate == "SYN-TARGET" || $0.plate == "SYN-PLATOON" },
                                       minCameras: 3)
        // Target–A (45 s apart), target–B (80 s) at 9 cameras; platoon–target (30, 60, 90 s) and
        // platoon–A (15, 15, 45 s) at 3. A–B (125 s) and platoon–B (110 s at one camera) miss.
        #expect(links.map { "\($0.plate1)|\($0.plate2)|\($0.cameras.count)" } ==
                ["SYN-CONVOY-A|SYN-PLATOON|3", "SYN-CONVOY-A|SYN-TARGET|9", "SYN-CONVOY-B|SYN-TARGET|9", "SYN-PLATOON|SYN-TARGET|3"])
        let xml = PlateLinkExport.graphML(links + [CoTravelLink(plate1: "SYN-<&\">", plate2: "SYN-TARGET", count: 1,
                                                                cameras: ["SYN-CAM-00"], first: PlateSyntheticStream.start,
                                                                last: PlateSyntheticStream.start)])
        let script = """
        import sys, json
        import xml.etree.ElementTree as ET
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        root = ET.fromstring(sys.stdin.buffer.read())
        g = root.find("g:graph", ns)
        nodes = {n.get("id"): {d.get("key"): d.text for d in n.findall("g:data", ns)} for n in g.findall("g:node", ns)}
        edges = [dict(source=nodes[e.get("source")]["plate"], target=nodes[e.get("target")]["plate"],
                      **{d.get("key"): d.text for d in e.findall("g:data", ns)}) for e in g.findall("g:edge", ns)]
        keys = sorted(k.get("id") for k in root.findall("g:key", ns))
        print(json.dumps({"directed": g.get("edgedefault"), "nodes": sorted(v["plate"] for v in nodes.values()), "edges": edges, "keys": keys}))
        """
        let out = try #require(try PythonOracle.json(script: script, input: Data(xml.utf8)) as? [String: Any])
        #expect(out["directed"] as? String == "undirected")
        #expect(out["nodes"] as? [String] == ["SYN-<&\">", "SYN-CONVOY-A", "SYN-CONVOY-B", "SYN-PLATOON", "SYN-TARGET"])
        #expect(out["keys"] as? [String] == ["cameras", "count", "first_time", "last_time", "link_type", "plate", "type"])
        let edges = try #require(out["edges"] as? [[String: String]])
        #expect(edges.count == 5)
        let ta = try #require(edges.first { $0["source"] == "SYN-CONVOY-A" && $0["target"] == "SYN-TARGET" })
        #expect(ta["count"] == "18" && ta["cameras"] == "9" && ta["link_type"] == "co-travel")
        #expect(ta["first_time"] == "2026-01-03T08:00:00Z")
    }

    @Test("link table: header, one CRLF row per link, quoting and formula guard")
    func linkTable() throws {
        let t = PlateSyntheticStream.start
        let csv = PlateLinkExport.linkTable([
            CoTravelLink(plate1: "SYN-A", plate2: "SYN-B,1", count: 4, cameras: ["x"], first: t, last: t.addingTimeInterval(3661)),
            CoTravelLink(plate1: "=SYN-C", plate2: "SYN-D", count: 1, cameras: ["x"], first: t, last: t),
        ])
        let rows = csv.components(separatedBy: "\r\n")
        #expect(rows == ["Entity1_ID,Entity1_Type,Entity2_ID,Entity2_Type,Link_Type,First_Time,Last_Time,Count",
                         "SYN-A,Vehicle,\"SYN-B,1\",Vehicle,co-travel,2026-01-01T00:00:00Z,2026-01-01T01:01:01Z,4",
                         "'=SYN-C,Vehicle,SYN-D,Vehicle,co-travel,2026-01-01T00:00:00Z,2026-01-01T00:00:00Z,1", ""])
    }
}
