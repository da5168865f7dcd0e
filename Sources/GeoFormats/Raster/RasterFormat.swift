import Foundation
import GeoCore

/// The raster file formats BorderMap reads and writes.
public enum RasterFormat: String, Sendable, Hashable, CaseIterable {
    /// ESRI ASCII grid (`.asc`, with a `.prj` sidecar): text, read by ArcGIS, QGIS and GDAL.
    case asciiGrid
    /// GeoTIFF (`.tif`, `.tiff`): written as Float32, 256×256 tiles, DEFLATE with the
    /// floating-point predictor; read in any layout `GeoTIFFReader` documents.
    case geoTIFF

    /// The format named by a file extension (case-insensitive): `asc` → `.asciiGrid`,
    /// `tif`/`tiff` → `.geoTIFF`; nil for any other extension.
    public init?(pathExtension: String) {
        switch pathExtension.lowercased() {
        case "asc": self = .asciiGrid
        case "tif", "tiff": self = .geoTIFF
        default: return nil
        }
    }
}

/// The coordinate reference system of a raster, as plain values from the caller (GeoFormats does
/// not import GeoProjection): an EPSG code when there is one, else a PROJ string; and the ESRI WKT
/// text for the `.prj` sidecar of an ASCII grid.
///
/// GeoTIFF uses `epsg` when set (GeoKeys by code), otherwise `proj` (user-defined GeoKeys; see
/// `GeoTIFFWriter`). The ASCII grid uses only `esriWKT`.
public struct RasterGeoreference: Sendable, Hashable {
    /// An EPSG code of a projected or geographic CRS (1…32766), e.g. 32642 for UTM zone 42N.
    public var epsg: Int?
    /// A PROJ string such as `+proj=aea +lat_0=45 +lon_0=65 +lat_1=38 +lat_2=52 +datum=WGS84 +units=m`.
    public var proj: String?
    /// The CRS in ESRI's WKT dialect, written verbatim as the `.prj` of an ASCII grid.
    public var esriWKT: String?

    public init(epsg: Int? = nil, proj: String? = nil, esriWKT: String? = nil) {
        self.epsg = epsg
        self.proj = proj
        self.esriWKT = esriWKT
    }

    /// From a CRS text as `Grid.crs` holds it: `EPSG:n` (any case) becomes `epsg`, anything else
    /// is taken as a PROJ string. `esriWKT` is passed through.
    public init(crs: String, esriWKT: String? = nil) {
        let t = crs.trimmingCharacters(in: .whitespaces)
        if t.lowercased().hasPrefix("epsg:"), let code = Int(t.dropFirst(5)) {
            self.init(epsg: code, proj: nil, esriWKT: esriWKT)
        } else {
            self.init(epsg: nil, proj: t, esriWKT: esriWKT)
        }
    }
}

/// Writes a grid in the format its file extension names.
public enum RasterWriter {
    /// Writes `grid` to `url` as the format `url`'s extension names (`RasterFormat(pathExtension:)`).
    ///
    /// - Parameters:
    ///   - doubleValues: full-precision values for the ASCII grid (row-major, northern row first,
    ///     `width * height` of them); ignored by GeoTIFF, which stores Float32.
    ///   - georeference: the CRS: `esriWKT` becomes the `.prj` of an ASCII grid, `epsg` or `proj`
    ///     the GeoKeys of a GeoTIFF.
    /// - Throws: `FormatError` for an unknown extension or ASCII grid problems; `GeoTIFFError`
    ///   from the GeoTIFF writer.
    public static func write(_ grid: Grid, doubleValues: [Double]? = nil, to url: URL,
                             georeference: RasterGeoreference) throws {
        guard let format = RasterFormat(pathExtension: url.pathExtension) else {
            throw FormatError(file: url.path, "unknown raster extension '.\(url.pathExtension)': use .asc, .tif or .tiff")
        }
        switch format {
        case .asciiGrid:
            try ESRIASCIIGridWriter.write(grid, doubleValues: doubleValues, to: url, prj: georeference.esriWKT)
        case .geoTIFF:
            try GeoTIFFWriter.write(grid, to: url, georeference: georeference)
        }
    }
}
