import CGEOS
import GeoCore

/// Planar measures computed by GEOS in the units of the coordinates.
///
/// On longitude/latitude data the results are in degrees (square degrees for areas); project to
/// metres first (GeoProjection) for metric values. All throw `TopologyError` with GEOS's message.
extension Geometry {
    /// The area: square coordinate units; 0 for points and lines.
    public func area() throws -> Double {
        // GEOSArea_r: 1 on success, 0 on exception
        try GEOSCall.measure([self], "GEOSArea_r") { h, g, out in GEOSArea_r(h, g[0], out) }
    }

    /// The length of lines, or the perimeter (all rings) of polygons: coordinate units; 0 for points.
    public func length() throws -> Double {
        // GEOSLength_r: 1 on success, 0 on exception
        try GEOSCall.measure([self], "GEOSLength_r") { h, g, out in GEOSLength_r(h, g[0], out) }
    }

    /// The shortest planar distance between the geometries: coordinate units, 0 when they meet.
    /// Throws when either geometry is empty (GEOS has no distance to nothing).
    public func distance(to other: Geometry) throws -> Double {
        guard !isEmpty, !other.isEmpty else {
            throw TopologyError(operation: "GEOSDistance_r", message: "distance to an empty geometry is undefined")
        }
        // GEOSDistance_r: 1 on success, 0 on exception
        return try GEOSCall.measure([self, other], "GEOSDistance_r") { h, g, out in GEOSDistance_r(h, g[0], g[1], out) }
    }

    /// The centre of mass of the highest-dimension parts (area-weighted for polygons,
    /// length-weighted for lines). May lie outside a concave polygon; see `pointOnSurface()`.
    /// Returns `Geometry.empty` for an empty geometry.
    public func centroid() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSGetCentroid_r", GEOSGetCentroid_r)
    }

    /// A point guaranteed to lie in the interior of the geometry (on the line for lines): a good
    /// label anchor. Returns `Geometry.empty` for an empty geometry.
    public func pointOnSurface() throws -> Geometry {
        try GEOSCall.unary(self, "GEOSPointOnSurface_r", GEOSPointOnSurface_r)
    }
}
