import Foundation
import GeoCore
import Testing
import TestSupport
@testable import RouteAnalysis

@Suite("Convoys, co-travel links, GraphML and link tables")
struct ConvoyTests {
    @Test("without persistence the chain is a Poisson binomial: tails by hand")
    func poissonBinomial() {
        func tails(_ q: [Double]) -> [Double] {
            CoOccurrenceChain(q: q, startsJourney: q.map { _ in false }, persistence: PlatoonPersistence(continued: [], atRisk: [])).upperTails()
        }
        #expect(abs(tails([0.5, 0.5])[1] - 0.75) < 1e-15)
        #expect(abs(tails([0.5, 0.5])[2] - 0.25) < 1e-15)
        // 0.1·0.2·0.7 + 0.1·0.8·0.3 + 0.9·0.2·0.3 + 0.1·0.2·0.3 = 0.098
        #expect(abs(tails([0.1, 0.2, 0.3])[2] - 0.098) < 1e-15)
        #expect(tails([0.1]) == [1, 0.1])
    }

    @Test("chain tails equal a brute-force enumeration of every sequence in Python")
    func chainBruteForce() throws {
        try #require(PythonOracle.unavailableReason == nil, "\(PythonOracle.unavailableReason ?? "")")
        var rng = SplitMix64(seed: 7)
        var cases: [[String: Any]] = [], mine: [[Double]] = []
        for n in [1, 5, 9, 12] {
            for classes in [0, 1, 3] {
                let q = (0..<n).map { _ in 0.02 + 0.5 * rng.unit() }
                let starts = (0..<n).map { $0 == 0 || rng.unit() < 0.25 }
                let atRisk = (0..<classes).map { _ in 5 + Int(rng.unit() * 40) }
                let continued = atRisk.map { Int(rng.unit() * Double($0 + 1)) }
                let apartAtRisk = n == 9 ? 0 : 30, rejoined = Int(rng.unit() * 31)
                let persistence = PlatoonPersistence(continued: continued, atRisk: atRisk, rejoined: apartAtRisk == 0 ? 0 : rejoined,
                                                     apartAtRisk: classes == 0 ? 0 : apartAtRisk)
                mine.append(CoOccurrenceChain(q: q, startsJourney: starts, persistence: persistence).upperTails())
                cases.append(["q": q, "starts": starts, "h": zip(continued, atRisk).map { Double($0) / Double($1) },
                              "g": persistence.rejoin ?? -1])
            }
        }
        // Independent reading of the model: enumerate all 2^n sequences, multiply the step
        // probabilities (q until the first meeting of a journey, max(h[run], q) during a run,
        // max(g, q) after a run ended in the journey; no h: q throughout; g < 0: not measured).
        let script = """
        import sys, json, itertools
        out = []
        for c in json.load(sys.stdin):
            q, starts, h, g = c["q"], c["starts"], c["h"], c["g"]
            n = len(q)
            dist = [0.0] * (n + 1)
            for xs in itertools.product([0, 1], repeat=n):
                p, run, met = 1.0, 0, False
                for i, x in enumerate(xs):
                    if starts[i]:
                        run, met = 0, False
                    if not h:
                        pi = q[i]
                    elif run > 0:
                        pi = max(h[min(run, len(h)) - 1], q[i])
                    elif met and g >= 0:
                        pi = max(g, q[i])
                    else:
                        pi = q[i]
                    p *= pi if x else 1 - pi
                    run = run + 1 if x else 0
                    met = met or x == 1
                dist[sum(xs)] += p
            out.append([sum(dist[k:]) for k in range(n + 1)])
        print(json.dumps(out))
        """
        let input = try JSONSerialization.data(withJSONObject: cases)
        let oracle = try #require(try PythonOracle.json(script: script, input: input) as? [[Double]])
        #expect(oracle.count == mine.count)
        for (a, b) in zip(mine, oracle) {
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-13, "\(a) vs \(b)") }
        }
    }

    @Test("platoon persistence counted by hand: runs at risk and continued by length, rejoining, classes pooled")
    func persistenceByHand() {
        // Cameras C0…C3 one hour apart. L is read at C0…C3; F1 with L (+30 s) at C0…C2; F2 with L
        // (+60 s) at C0 and C3; F3 with L (−30 s) at C1…C3. Together (≤ 120 s): all three at C0,
        // C1 and C2; L, F3, F2 at C3 (F3–F2 90 s apart). Runs at risk (✓ continued), by leader:
        // L: length 1 — F1@C0 ✓, F2@C0 ✗, F3@C1 ✓; length 2 — F1@C1 ✓, F3@C2 ✓; length 3 — F1@C2 ✗;
        //    apart — F2 at C2 ✗, at C3 ✓ (rejoins).
        // F1: length 1 — L@C0 ✓, F2@C0 ✗, F3@C1 ✓; length 2 — L@C1 ✓; apart — F2 at C2 ✗.
        // F2 (readings C0, C3, one journey): length 1 — L@C0 ✓, F1@C0 ✗.
        // F3: length 1 — L@C1 ✓, F1@C1 ✓; length 2 — L@C2 ✓, F1@C2 ✗.
        // Totals: length 1: 10 at risk, 7 continued; length 2: 5, 4; length 3: 1, 0; apart 3, 1.
        let t0 = PlateSyntheticStream.start
        func s(_ plate: String, _ c: Int, _ dt: Double) -> PlateSighting {
            PlateSighting(plate: plate, cameraID: "SYN-C\(c)", time: t0.addingTimeInterval(Double(c) * 3600 + dt), lon: 69 + Double(c), lat: 41)
        }
        let data = (0...3).map { s("SYN-L", $0, 0) } + (0...2).map { s("SYN-F1", $0, 30) } + [s("SYN-F2", 0, 60), s("SYN-F2", 3, 60)]
            + (1...3).map { s("SYN-F3", $0, -30) }
        let all = PlatoonPersistence(data, excluding: [], window: 120, journeyGap: 6 * 3600, minEvents: 1)
        #expect(all.atRisk == [10, 5, 1] && all.continued == [7, 4, 0])
        #expect(all.apartAtRisk == 3 && all.rejoined == 1)
        #expect(all.hazard(1) == 0.7 && all.hazard(2) == 0.8 && all.hazard(3) == 0 && all.hazard(7) == 0)
        let pooled = PlatoonPersistence(data, excluding: [], window: 120, journeyGap: 6 * 3600, minEvents: 5)
        #expect(pooled.atRisk == [10, 6] && pooled.continued == [7, 4])
        #expect(PlatoonPersistence(data, excluding: [], window: 120, journeyGap: 6 * 3600).atRisk == [16])
        // Without L: F1: F2@C0 ✗, F3@C1 ✓, F2 apart at C2 ✗; F2: F1@C0 ✗; F3: F1@C1 ✓, then
        // F1@C2 ✗ at length 2.
        let noL = PlatoonPersistence(data, excluding: ["SYN-L"], window: 120, journeyGap: 6 * 3600, minEvents: 1)
        #expect(noL.atRisk == [4, 1] && noL.continued == [2, 0] && noL.apartAtRisk == 1 && noL.rejoined == 0)
        // Every reading its own journey: nothing is ever at risk.
        let split = PlatoonPersistence(data, excluding: [], window: 120, journeyGap: 1800)
        #expect(split.isEmpty && split.rejoin == nil)
    }

    @Test("the planted convoys are found and nothing else; the one-trip platoon of three cameras is within background persistence")
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
        #expect(Set(loose.map(\.link.plate2)) == ["SYN-CONVOY-A", "SYN-CONVOY-B"])
        #expect(loose.allSatisfy { $0.passages == 18 && $0.journeys == 2 })
        // SYN-PLATOON (three cameras on one trip) was significant under independent cameras; the
        // background here keeps about one chance pair in ten together to the next camera, which
        // puts it just above alpha 0.01 (adjusted p ≈ 0.013) and below 0.02.
        let weaker = try ConvoyDetector.detect(target: "SYN-TARGET", sightings: stream, alpha: 0.02)
        #expect(Set(weaker.map(\.link.plate2)) == ["SYN-CONVOY-A", "SYN-CONVOY-B", "SYN-PLATOON"])
        #expect(throws: RouteAnalysisError.self) { try ConvoyDetector.detect(target: "SYN-NOBODY", sightings: stream) }
    }

    @Test("heavy ordinary platooning: chance platoons with the target are not convoys, the planted convoy is")
    func heavyPlatooning() throws {
        let stream = PlateSyntheticStream.withPlatooning()
        // Eight plates drive with the target for 3–6 cameras on one trip; under independent
        // cameras (the former model) they are all significant at the default settings.
        let tplat = Set(stream.map(\.plate).filter { $0.hasPrefix("SYN-TPLAT") })
        #expect(tplat.count == 8)
        let members = try ConvoyDetector.detect(target: "SYN-TARGET", sightings: stream)
        #expect(Set(members.map(\.link.plate2)) == ["SYN-CONVOY-A", "SYN-CONVOY-B"])
        for m in members { #expect(m.passages == 18 && m.journeys == 2 && m.adjustedPValue < 1e-4) }
        // The same chance platoons tested against independent cameras would be flagged.
        let naive = try ConvoyDetector.detect(target: "SYN-TARGET", sightings: stream,
                                                 persistence: PlatoonPersistence(continued: [], atRisk: []))
        #expect(tplat.isSubset(of: Set(naive.map(\.link.plate2))))
    }

    @Test("p-value by hand: q = 1 − exp(−V·2w/N) per passage, Bonferroni over N − 1 plates; independent without runs, one meeting when all background drives together")
    func pValueByHand() throws {
        // 3 cameras; at each, 22 plates are read within one hour (span 1 h): V = 22/h. The target
        // and SYN-P are read 60 s apart at every camera; w = 120 s.
        let t0 = PlateSyntheticStream.start
        func stream(otherPerCamera: Bool) -> [PlateSighting] {
            var s: [PlateSighting] = []
            for c in 0..<3 {
                let cam = "SYN-C\(c)", base = Double(c) * 7200
                s.append(PlateSighting(plate: "SYN-T", cameraID: cam, time: t0.addingTimeInterval(base + 1800), lon: 69 + Double(c), lat: 41))
                s.append(PlateSighting(plate: "SYN-P", cameraID: cam, time: t0.addingTimeInterval(base + 1860), lon: 69 + Double(c), lat: 41))
                for k in 0..<20 {
                    let t = k == 0 ? base : k == 19 ? base + 3600 : base + 2400 + Double(k) * 10
                    s.append(PlateSighting(plate: otherPerCamera ? "SYN-O\(c)-\(k)" : "SYN-O\(k)", cameraID: cam,
                                           time: t0.addingTimeInterval(t), lon: 69 + Double(c), lat: 41))
                }
            }
            return s
        }
        // Other plates read once each (N = 62): no run is ever at risk, so passages are
        // independent and p = q³.
        let once = stream(otherPerCamera: true)
        let members = try ConvoyDetector.detect(target: "SYN-T", sightings: once, alpha: 1)
        let p = try #require(members.first { $0.link.plate2 == "SYN-P" })
        let q = 1 - exp(-22 * (240.0 / 3600) / 62)
        #expect(abs(p.pValue - q * q * q) < 1e-15)
        #expect(abs(p.adjustedPValue - 61 * q * q * q) < 1e-15)
        #expect(p.passages == 3 && p.journeys == 1)
        #expect(members.allSatisfy { $0.link.cameras.count >= 3 })
        // 61·q³ ≈ 7.8e-4: significant at alpha 0.001, not at 0.0005.
        #expect(try ConvoyDetector.detect(target: "SYN-T", sightings: once, alpha: 0.001).map(\.link.plate2) == ["SYN-P"])
        #expect(try ConvoyDetector.detect(target: "SYN-T", sightings: once, alpha: 0.0005).isEmpty)
        // The same 20 other plates at every camera (N = 22): SYN-O1…18 within 120 s of each other
        // stay together at all three cameras (h = 1 at lengths 1 and 2), so three passages with
        // the target are as likely as one chance meeting: p = q.
        let platoons = stream(otherPerCamera: false)
        let q22 = 1 - exp(-22 * (240.0 / 3600) / 22)
        let all = try ConvoyDetector.detect(target: "SYN-T", sightings: platoons, alpha: 1)
        let p22 = try #require(all.first { $0.link.plate2 == "SYN-P" })
        #expect(abs(p22.pValue - q22) < 1e-15)
        #expect(try ConvoyDetector.detect(target: "SYN-T", sightings: platoons, alpha: 0.01).isEmpty)
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
