import Foundation
import GeoCore
import GeoProjection

extension RoadGraph {
    /// Builds a routable graph from a line layer in longitude/latitude (WGS 84).
    ///
    /// Every LineString and MultiLineString part becomes a polyline (other geometries are
    /// skipped); polylines are noded by ``RoadNetworkOptions`` (vertex snapping within
    /// `snapToleranceMeters`, lines joined where a vertex lies that close to another line, crossings
    /// split when `nodeCrossings`, bridges and tunnels joined only at their ends) and cut at nodes
    /// into edges. Edge length is the geodesic length on WGS 84 in metres (PROJ, Karney's
    /// algorithm); travel time is `length / (speed km/h / 3.6)` seconds with the speed of the
    /// edge's class; a line flagged one-way against its digitised direction is reversed first.
    /// Linear in the number of vertices apart from sorting the segment grid.
    /// - Throws: ``RouteAnalysisError/emptyNetwork(_:)`` when no line yields an edge;
    ///   ``RouteAnalysisError/invalidParameter(_:)`` for a negative tolerance, a bad speed table, or
    ///   a coordinate outside longitude/latitude range.
    public static func build(from layer: FeatureCollection, options: RoadNetworkOptions = RoadNetworkOptions()) throws -> RoadGraph {
        guard options.snapToleranceMeters.isFinite, options.snapToleranceMeters >= 0 else {
            throw RouteAnalysisError.invalidParameter("snapping tolerance must be >= 0 m, got \(options.snapToleranceMeters)")
        }
        let speeds = try options.speeds.validated()
        var noder = LineNoder()
        var lineFeature: [Int32] = [], lineOneWay: [Bool] = [], lineClass: [String] = []
        func text(_ f: Feature, _ field: String?) -> String? {
            guard let field, let v = f.properties[field], !v.isNull else { return nil }
            return v.description.trimmingCharacters(in: .whitespaces).lowercased()
        }
        for (i, f) in layer.features.enumerated() {
            let parts: [LineString]
            switch f.geometry {
            case .lineString(let l): parts = [l]
            case .multiLineString(let m): parts = m.lineStrings
            default: continue
            }
            let oneWayText = text(f, options.oneWayField)
            let forward = oneWayText.map { options.oneWayForwardValues.contains($0) } ?? false
            let reverse = oneWayText.map { options.oneWayReverseValues.contains($0) } ?? false
            let separated = options.levelFields.contains { field, values in text(f, field).map { values.contains($0) } ?? false }
            let roadClass = options.classField.flatMap { f.properties[$0] }.flatMap { $0.isNull ? nil : $0.description } ?? ""
            for part in parts where part.coordinates.count >= 2 {
                var cs = part.coordinates
                for c in cs where !(c.isFinite && abs(c.x) <= 180 && abs(c.y) <= 90) {
                    throw RouteAnalysisError.invalidParameter("feature \(i) has coordinate \(c) outside longitude/latitude range; reproject the layer to WGS 84")
                }
                if reverse { cs.reverse() }
                noder.addLine(cs.map(\.x), cs.map(\.y), separated: separated)
                lineFeature.append(Int32(i)); lineOneWay.append(forward || reverse); lineClass.append(roadClass)
            }
        }
        let noded = noder.run(tolerance: options.snapToleranceMeters, nodeCrossings: options.nodeCrossings)
        guard !noded.pieces.isEmpty else {
            throw RouteAnalysisError.emptyNetwork("the layer has no LineString or MultiLineString of two distinct points")
        }
        var c = RoadGraphColumns(coordinates: .lonLat)
        c.nodeX = noded.nodeX; c.nodeY = noded.nodeY
        c.geometryX = noded.pieceX; c.geometryY = noded.pieceY
        c.geometryStart = [0]
        var lookup: [String: UInt16] = [:]
        var classIndexOfLine = [UInt16](repeating: 0, count: lineClass.count)
        for (k, name) in lineClass.enumerated() { classIndexOfLine[k] = try c.classIndex(name, lookup: &lookup) }
        let n = noded.pieces.count
        c.edgeFrom.reserveCapacity(n); c.edgeTo.reserveCapacity(n); c.edgeLength.reserveCapacity(n)
        c.edgeTime.reserveCapacity(n); c.geometryStart.reserveCapacity(n + 1)
        for piece in noded.pieces {
            var length = 0.0
            for v in piece.range.lowerBound ..< piece.range.upperBound - 1 {
                length += try Geodesic.distance(from: Coordinate(noded.pieceX[v], noded.pieceY[v]),
                                                to: Coordinate(noded.pieceX[v + 1], noded.pieceY[v + 1]))
            }
            c.edgeFrom.append(piece.from); c.edgeTo.append(piece.to)
            c.edgeLength.append(length)
            c.edgeTime.append(length / (speeds.kmh(lineClass[piece.line]) / 3.6))
            c.edgeOneWay.append(lineOneWay[piece.line])
            c.edgeClass.append(classIndexOfLine[piece.line])
            c.edgeFeature.append(lineFeature[piece.line])
            c.geometryStart.append(piece.range.upperBound)
        }
        return RoadGraph(columns: c)
    }
}
