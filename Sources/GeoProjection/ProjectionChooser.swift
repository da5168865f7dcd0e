import Foundation
import GeoCore

/// The metric CRS `ProjectionChooser` picked, and why.
public struct ProjectionChoice: Sendable, Hashable {
    /// The kind of projection chosen.
    public enum Kind: Sendable, Hashable {
        /// WGS 84 / UTM; `zone` 1...60, `north` false for the southern hemisphere (EPSG:327xx).
        case utm(zone: Int, north: Bool)
        /// Albers equal-area conic with the given standard parallels (degrees).
        case albersEqualArea(standardParallel1: Double, standardParallel2: Double)
        /// Lambert azimuthal equal-area centred on the extent (extents symmetric about the
        /// equator or reaching the poles, where Albers is undefined or poor).
        case lambertAzimuthalEqualArea
    }

    /// The projected CRS, units metres, datum WGS 84.
    public let crs: CRS
    /// What was chosen.
    public let kind: Kind
}

/// Picks a metric CRS suited to a longitude/latitude extent, for analysis in metres.
///
/// Rule (longitudes and latitudes in degrees, WGS 84):
/// 1. UTM when the extent fits one zone: the zone is that of the extent's centre longitude
///    (`floor((lon + 180) / 6) + 1`), and the extent must lie within the zone's 6° band widened by
///    `utmMargin` (1°) on each side, between 80° S and 84° N (UTM's defined range). North of the
///    equator (centre latitude >= 0) EPSG:326zz, else EPSG:327zz. At 1° past the zone edge the
///    UTM scale error is still under 0.1 %.
/// 2. Otherwise Albers equal-area conic centred on the extent (`lat_0`, `lon_0` = centre) with
///    standard parallels at 1/6 and 5/6 of the latitude span (the classic rule of thumb that
///    balances scale error over the span), datum WGS 84, metres. Central Asia (six UTM zones) gets
///    this.
/// 3. When the two parallels would be symmetric about the equator (Albers undefined) or the
///    extent reaches past 85° of latitude, Lambert azimuthal equal-area centred on the extent.
public enum ProjectionChooser {
    /// Degrees an extent may reach past its UTM zone's edges and still use that zone.
    public static let utmMargin = 1.0

    /// The CRS for `extent` (longitude/latitude degrees) by the rule in the type's documentation.
    /// - Throws: `ProjectionError.invalidCRS` when the extent is not valid longitude/latitude
    ///   (non-finite, latitude beyond ±90, longitude beyond ±180); PROJ errors otherwise.
    public static func choose(for extent: BoundingBox) throws -> ProjectionChoice {
        guard extent.minX.isFinite, extent.maxX.isFinite, extent.minY.isFinite, extent.maxY.isFinite,
              extent.minY >= -90, extent.maxY <= 90, extent.minX >= -180, extent.maxX <= 180 else {
            throw ProjectionError.invalidCRS(definition: "extent \(extent)",
                                             message: "not a longitude/latitude extent in degrees")
        }
        let centre = extent.center
        let zone = utmZone(longitude: centre.x)
        let zoneWest = Double(zone - 1) * 6 - 180
        if extent.minX >= zoneWest - utmMargin, extent.maxX <= zoneWest + 6 + utmMargin,
           extent.minY >= -80, extent.maxY <= 84 {
            let north = centre.y >= 0
            let code = (north ? 32600 : 32700) + zone
            return ProjectionChoice(crs: try CRS(epsg: code), kind: .utm(zone: zone, north: north))
        }
        let span = extent.height
        let lat1 = extent.minY + span / 6
        let lat2 = extent.maxY - span / 6
        let format = { (value: Double) in String(format: "%.10g", value) }
        if abs(lat1 + lat2) < 1e-6 || extent.maxY > 85 || extent.minY < -85 {
            let text = "+proj=laea +lat_0=\(format(centre.y)) +lon_0=\(format(centre.x)) +x_0=0 +y_0=0 "
                + "+datum=WGS84 +units=m +no_defs +type=crs"
            return ProjectionChoice(crs: try CRS(text), kind: .lambertAzimuthalEqualArea)
        }
        let text = "+proj=aea +lat_0=\(format(centre.y)) +lon_0=\(format(centre.x)) +lat_1=\(format(lat1)) "
            + "+lat_2=\(format(lat2)) +x_0=0 +y_0=0 +datum=WGS84 +units=m +no_defs +type=crs"
        return ProjectionChoice(crs: try CRS(text),
                                kind: .albersEqualArea(standardParallel1: lat1, standardParallel2: lat2))
    }

    /// The UTM zone (1...60) whose 6° band holds `longitude` (degrees; 180 belongs to zone 60).
    /// The Norway/Svalbard exceptions are not applied.
    public static func utmZone(longitude: Double) -> Int {
        let zone = Int(((longitude + 180) / 6).rounded(.down)) + 1
        return min(max(zone, 1), 60)
    }
}
