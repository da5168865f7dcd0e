import GeoCore

extension Router {
    /// Vertices of edge `e` from index `i` to `j` inclusive (either direction).
    func vertices(_ e: Int, _ i: Int, _ j: Int) -> [Coordinate] {
        let g0 = graph.geometryStart[e]
        let idx = i <= j ? Array(i ... j) : Array((j ... i).reversed())
        return idx.map { Coordinate(graph.geometryX[g0 + $0], graph.geometryY[g0 + $0]) }
    }

    func vertexCount(_ e: Int) -> Int { graph.geometryStart[e + 1] - graph.geometryStart[e] }

    /// Turns a search answer (or the direct way along a shared edge, when cheaper) into a leg.
    func makeLeg(_ a: SnappedPoint, _ b: SnappedPoint, found: EndpointPath?, costs w: [Double]) -> RouteLeg? {
        let g = graph
        let ea = a.edge, eb = b.edge
        var direct = Double.infinity
        if ea == eb {
            if b.fraction >= a.fraction { direct = (b.fraction - a.fraction) * w[ea] }
            else if !g.edgeOneWay[ea] { direct = (a.fraction - b.fraction) * w[ea] }
        }
        if direct < .infinity && direct <= (found?.cost ?? .infinity) {
            let forward = b.fraction >= a.fraction
            let share = abs(b.fraction - a.fraction)
            var line = [a.location]
            if forward, b.segment > a.segment { line += vertices(ea, a.segment + 1, b.segment) }
            if !forward, a.segment > b.segment { line += vertices(ea, a.segment, b.segment + 1) }
            line.append(b.location)
            return RouteLeg(lengthMeters: share * g.edgeLength[ea], durationSeconds: share * g.edgeTime[ea],
                            edges: [ea], geometry: dedupe(line))
        }
        guard let found else { return nil }
        let leaveForward = found.sourceNode == Int(g.edgeTo[ea])
        let enterForward = found.targetNode == Int(g.edgeFrom[eb])
        var line = [a.location]
        line += leaveForward ? vertices(ea, a.segment + 1, vertexCount(ea) - 1) : vertices(ea, a.segment, 0)
        var length = (leaveForward ? 1 - a.fraction : a.fraction) * g.edgeLength[ea]
        var time = (leaveForward ? 1 - a.fraction : a.fraction) * g.edgeTime[ea]
        // A snapped edge counts as traversed only when part of it is (a point snapped onto a node
        // lies at the end of every edge there, and those edges are not on the route).
        let leaveShare = leaveForward ? 1 - a.fraction : a.fraction
        var edges = leaveShare > 0 ? [ea] : []
        for arc in found.arcs {
            let e = arc >> 1
            line += arc & 1 == 0 ? vertices(e, 0, vertexCount(e) - 1) : vertices(e, vertexCount(e) - 1, 0)
            length += g.edgeLength[e]; time += g.edgeTime[e]
            edges.append(e)
        }
        line += enterForward ? vertices(eb, 0, b.segment) : vertices(eb, vertexCount(eb) - 1, b.segment + 1)
        line.append(b.location)
        length += (enterForward ? b.fraction : 1 - b.fraction) * g.edgeLength[eb]
        time += (enterForward ? b.fraction : 1 - b.fraction) * g.edgeTime[eb]
        if (enterForward ? b.fraction : 1 - b.fraction) > 0, edges.last != eb { edges.append(eb) }
        return RouteLeg(lengthMeters: length, durationSeconds: time, edges: edges, geometry: dedupe(line))
    }

    func dedupe(_ line: [Coordinate]) -> [Coordinate] {
        var out: [Coordinate] = []
        out.reserveCapacity(line.count)
        for c in line where out.last != c { out.append(c) }
        if out.count == 1 { out.append(out[0]) }
        return out
    }

    /// Alternative paths of one leg by the penalty method (see ``Router``), best first, not
    /// including `best`. The bound of `weight` stays valid: penalties only raise costs.
    func legAlternatives(to best: RouteLeg, from a: SnappedPoint, to b: SnappedPoint, weight: RouteWeight,
                         closed: EdgeSet?, count: Int, search: inout BidirectionalSearch) -> [RouteLeg] {
        var penalised = graph.costs(weight)
        var kept = [best]
        var tries = 0
        while kept.count < count + 1 && tries < 2 * count + 3 {
            tries += 1
            for e in kept.last?.edges ?? [] { penalised[e] *= Self.alternativePenalty }
            let (sources, targets) = endpoints(a, b, costs: penalised)
            let found = search.path(from: sources, to: targets, costs: penalised, closed: closed, bound: bounds[weight])
            // the leg's lengths and times are true ones (the search's own cost is penalised)
            guard let candidate = makeLeg(a, b, found: found, costs: penalised) else { break }
            if acceptable(candidate.edges, length: candidate.lengthMeters, against: kept.map(\.edges)) {
                kept.append(candidate)
            } else {
                for e in candidate.edges { penalised[e] *= Self.alternativePenalty }
            }
        }
        return Array(kept.dropFirst())
    }

    /// True when at most ``alternativeMaxShared`` of `length` is shared with each of `others`.
    func acceptable(_ edges: [Int], length: Double, against others: [[Int]]) -> Bool {
        let mine = Set(edges)
        return others.allSatisfy { other in
            let shared = Set(other).intersection(mine).reduce(0.0) { $0 + graph.edgeLength[$1] }
            return shared <= Self.alternativeMaxShared * length
        }
    }

    /// Whole-route alternatives from per-leg alternatives (see ``Router``): candidates take the
    /// i-th alternative on every leg that has one, or change a single leg; kept by increasing
    /// cost when they overlap each route kept by at most ``alternativeMaxShared``.
    func combine(best: Route, perLeg: [[RouteLeg]], snaps: [SnappedPoint], count: Int) -> [Route] {
        let weight = best.weight
        var candidates: [Route] = []
        if perLeg.count == 1 {
            candidates = perLeg[0].map { makeRoute([$0], snaps, weight) }
            return candidates
        }
        let deepest = perLeg.map(\.count).max() ?? 0
        if deepest > 0 {
            for i in 0 ..< deepest {
                candidates.append(makeRoute(perLeg.indices.map { l in i < perLeg[l].count ? perLeg[l][i] : best.legs[l] },
                                            snaps, weight))
            }
        }
        for (l, alternatives) in perLeg.enumerated() {
            for alt in alternatives {
                var legs = best.legs
                legs[l] = alt
                candidates.append(makeRoute(legs, snaps, weight))
            }
        }
        func cost(_ r: Route) -> Double { weight == .length ? r.lengthMeters : r.durationSeconds }
        candidates.sort { cost($0) < cost($1) }
        var kept = [best]
        for c in candidates where kept.count < count + 1 {
            if acceptable(c.edges, length: c.lengthMeters, against: kept.map(\.edges)) { kept.append(c) }
        }
        return Array(kept.dropFirst())
    }
}
