import CGeoTIFF
import Foundation

/// Where a GeoTIFF's raster lies and in which CRS, as `Grid` needs it: the outer north-west
/// corner, one square cell size and the CRS text.
struct GeoTIFFPlacement: Equatable {
    var originX: Double
    var originY: Double
    var cellSize: Double
    var crs: String?

    // TIFF tags of the GeoTIFF 1.0 specification, section 2.6.
    static let modelPixelScaleTag: UInt32 = 33550
    static let modelTiepointTag: UInt32 = 33922
    static let modelTransformationTag: UInt32 = 34264

    /// Largest relative difference between the x and y cell sizes still taken as square: 1e-9,
    /// far below any real resampling step and above decimal-to-binary rounding of the sizes.
    static let squareTolerance = 1e-9

    /// Reads the placement of the open file.
    ///
    /// The affine map from raster (column i, row j) to model (x, y) comes from
    /// `ModelTransformationTag` when present: x = m0·i + m1·j + m3, y = m4·i + m5·j + m7
    /// (north-up needs m1 = m4 = 0 and m5 < 0); else from one `ModelTiepointTag` (i, j, k, x, y, z)
    /// and `ModelPixelScaleTag` (sx, sy, sz): x = X + (i' − i)·sx, y = Y − (j' − j)·sy.
    /// With `GTRasterTypeGeoKey` = `RasterPixelIsPoint` (2) the map gives the centre of a cell,
    /// so the corner origin moves half a cell west and north (GeoTIFF 1.0 section 2.5.2.2, and
    /// GDAL's reading by default). The cell size is sx when |sx − sy| ≤ 1e-9·sx.
    ///
    /// - Throws: `GeoTIFFError.unsupportedRaster` for no georeferencing, several tie points
    ///   (ground control points), rotation, south-up or east-to-west rasters, non-square cells;
    ///   `GeoTIFFError.unsupportedCRS` / `.libgeotiff` from `crs(_:)`.
    static func read(_ h: TIFFHandle) throws -> GeoTIFFPlacement {
        func refuse(_ reason: String) -> GeoTIFFError { .unsupportedRaster(file: h.path, reason: reason) }
        let gtif = try GTIFHandle(h)
        var originX: Double, originY: Double, sx: Double, sy: Double
        if let m = h.doubles(modelTransformationTag) {
            guard m.count >= 16 else { throw refuse("ModelTransformationTag has \(m.count) values, the GeoTIFF specification requires 16") }
            guard m[1] == 0, m[4] == 0 else {
                throw refuse("rotated rasters are not supported (ModelTransformationTag has rotation terms \(m[1]) and \(m[4])); warp it north-up first, e.g. gdalwarp in.tif out.tif")
            }
            (sx, sy, originX, originY) = (m[0], -m[5], m[3], m[7])
        } else if let scale = h.doubles(modelPixelScaleTag), let tie = h.doubles(modelTiepointTag) {
            guard scale.count >= 2 else { throw refuse("ModelPixelScaleTag has \(scale.count) values, the GeoTIFF specification requires 3") }
            guard tie.count == 6 else {
                throw refuse(tie.count > 6 ? "\(tie.count / 6) tie points (ground control points) are not supported; warp the raster with gdalwarp first"
                                           : "ModelTiepointTag has \(tie.count) values, the GeoTIFF specification requires 6")
            }
            (sx, sy) = (scale[0], scale[1])
            (originX, originY) = (tie[3] - tie[0] * sx, tie[4] + tie[1] * sy)
        } else {
            throw refuse("no georeferencing: the TIFF has neither ModelTransformationTag nor ModelPixelScaleTag with ModelTiepointTag")
        }
        guard sx.isFinite, sy.isFinite, originX.isFinite, originY.isFinite else {
            throw refuse("georeferencing is not finite: cell size \(sx) x \(sy), origin (\(originX), \(originY))")
        }
        guard sx > 0 else { throw refuse("columns run west (x grows by \(sx) per column): such rasters are not supported; warp it north-up first, e.g. gdalwarp in.tif out.tif") }
        guard sy > 0 else { throw refuse("rows run north (y grows by \(-sy) per row): south-up rasters are not supported; warp it north-up first, e.g. gdalwarp in.tif out.tif") }
        guard abs(sx - sy) <= squareTolerance * sx else {
            throw refuse("cells are not square: \(sx) x \(sy) CRS units; resample to square cells, e.g. gdalwarp -tr \(sx) \(sx) in.tif out.tif")
        }
        if try rasterType(gtif, h) == 2 {
            originX -= sx / 2
            originY += sy / 2
        }
        return GeoTIFFPlacement(originX: originX, originY: originY, cellSize: sx, crs: try crs(gtif, h))
    }

    /// A SHORT GeoKey's value (`GTIFKeyGetSHORT`: the number of values read, 0 when absent).
    static func short(_ gtif: GTIFHandle, _ key: geokey_t) -> Int? {
        var v: UInt16 = 0
        return GTIFKeyGetSHORT(gtif.gtif, key, &v, 0, 1) == 1 ? Int(v) : nil
    }

    /// `GTRasterTypeGeoKey`: 1 `RasterPixelIsArea` (also when absent, the specification's
    /// default), 2 `RasterPixelIsPoint`.
    static func rasterType(_ gtif: GTIFHandle, _ h: TIFFHandle) throws -> Int {
        let t = short(gtif, GTRasterTypeGeoKey) ?? 1
        guard t == 1 || t == 2 else {
            throw GeoTIFFError.unsupportedRaster(file: h.path, reason: "GTRasterTypeGeoKey \(t) is neither PixelIsArea (1) nor PixelIsPoint (2)")
        }
        return t
    }

    /// The CRS: `EPSG:n` from `ProjectedCSTypeGeoKey` (projected model) or
    /// `GeographicTypeGeoKey` (geographic model; either key when `GTModelTypeGeoKey` is
    /// absent); for user-defined keys (code 32767) the PROJ string libgeotiff builds from them
    /// (`GTIFGetDefn`, `GTIFGetProj4Defn`); nil when the file has no CRS keys.
    /// - Throws: `GeoTIFFError.unsupportedCRS` for a geocentric or unknown model type, or
    ///   user-defined keys libgeotiff cannot turn into a PROJ string.
    static func crs(_ gtif: GTIFHandle, _ h: TIFFHandle) throws -> String? {
        let model = short(gtif, GTModelTypeGeoKey)
        let pcs = short(gtif, ProjectedCSTypeGeoKey), gcs = short(gtif, GeographicTypeGeoKey)
        let code: Int?
        switch model {
        case 1?: code = pcs
        case 2?: code = gcs
        case nil: code = pcs ?? gcs
        case let other?:
            throw GeoTIFFError.unsupportedCRS("\(h.path): GTModelTypeGeoKey \(other) (3 is geocentric) is not a projected or geographic model")
        }
        if let code, code != GeoKeySet.userDefined { return "EPSG:\(code)" }
        if model == nil && code == nil { return nil }
        return try projString(gtif, h)
    }

    /// The PROJ string libgeotiff derives from the keys (its normalisation: `GTIFGetDefn`,
    /// TRUE on success; `GTIFGetProj4Defn`, a string to free with `GTIFFreeMemory`), tidied
    /// by `tidy`.
    private static func projString(_ gtif: GTIFHandle, _ h: TIFFHandle) throws -> String {
        guard let defn = GTIFAllocDefn() else {
            throw GeoTIFFError.libgeotiff(file: h.path, operation: "GTIFAllocDefn", message: "out of memory")
        }
        defer { GTIFFreeDefn(defn) }
        guard GTIFGetDefn(gtif.gtif, defn) != 0 else {
            throw GeoTIFFError.unsupportedCRS("\(h.path): libgeotiff cannot interpret the user-defined GeoKeys")
        }
        guard let text = GTIFGetProj4Defn(defn) else {
            throw GeoTIFFError.unsupportedCRS("\(h.path): libgeotiff cannot express the user-defined GeoKeys as a PROJ string")
        }
        defer { GTIFFreeMemory(text) }
        let proj = String(cString: text).trimmingCharacters(in: .whitespaces)
        guard proj.hasPrefix("+proj=") else {
            throw GeoTIFFError.unsupportedCRS("\(h.path): libgeotiff cannot express the user-defined GeoKeys as a PROJ string (got '\(proj)')")
        }
        return tidy(proj, wgs84Datum: defn.pointee.Datum == 6326)
    }

    /// libgeotiff prints parameters with fixed decimals (`+lat_1=38.000000000`, `+x_0=0.000`)
    /// and the WGS 84 datum (EPSG 6326) as `+ellps=WGS84`; this writes each number as its
    /// shortest decimal (`+lat_1=38`) and that ellipsoid as `+datum=WGS84` when the datum key
    /// says WGS 84 and no other datum parameter is given, as the writer and GDAL spell them.
    static func tidy(_ proj: String, wgs84Datum: Bool) -> String {
        let hasDatum = proj.contains("+datum=") || proj.contains("+towgs84=") || proj.contains("+nadgrids=")
        return proj.split(separator: " ").map { token -> String in
            if wgs84Datum, !hasDatum, token == "+ellps=WGS84" { return "+datum=WGS84" }
            let parts = token.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, let v = Double(parts[1]), v.isFinite else { return String(token) }
            let text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : v.description
            return "\(parts[0])=\(text)"
        }.joined(separator: " ")
    }
}
