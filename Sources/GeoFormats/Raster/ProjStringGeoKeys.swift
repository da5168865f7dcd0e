import Foundation

extension GeoKeySet {
    /// User-defined GeoKeys for a PROJ string (GeoTIFF 1.0 sections 2.5.3.3 and 6.3.3.3; the
    /// key choice per method follows GDAL's GeoTIFF writer so GDAL and ArcGIS read them back):
    ///
    /// | `+proj=` | `ProjCoordTransGeoKey` | parameters |
    /// |---|---|---|
    /// | `aea` | CT_AlbersEqualArea (11) | `lat_1`, `lat_2` → ProjStdParallel1/2; `lat_0`, `lon_0` → ProjNatOriginLat/Long; `x_0`, `y_0` → ProjFalseEasting/Northing |
    /// | `tmerc` | CT_TransverseMercator (1) | `lat_0`, `lon_0` → ProjNatOriginLat/Long; `k` → ProjScaleAtNatOrigin; `x_0`, `y_0` |
    /// | `utm` | (EPSG 326zz / 327zz with `+datum=WGS84`, else CT_TransverseMercator, k 0.9996, x_0 500 km, y_0 10 000 km with `+south`) | `zone`, `south` |
    /// | `lcc` | CT_LambertConfConic_2SP (8), or _1SP (9) when `lat_1 = lat_0` and no `lat_2` | 2SP: ProjStdParallel1/2, ProjFalseOriginLat/Long/Easting/Northing; 1SP: as tmerc |
    /// | `laea` | CT_LambertAzimEqualArea (10) | `lat_0`, `lon_0` → ProjCenterLat/Long; `x_0`, `y_0` |
    /// | `longlat`, `latlong` | geographic model | — |
    ///
    /// Datum: `+datum=WGS84` → GeographicTypeGeoKey 4326; otherwise a user-defined geographic
    /// CRS on `+ellps=WGS84` (7030), `+ellps=GRS80` (7019) or `+a` with `+rf` or `+b`.
    /// `+towgs84` of zeros is accepted; units must be metres (`+units=m` or none).
    /// `+no_defs`, `+type=crs` and `+wktext` are ignored.
    /// - Throws: `GeoTIFFError.unsupportedCRS` naming the method or parameter that cannot be
    ///   written, rather than writing a different CRS.
    static func proj(_ text: String) throws -> GeoKeySet {
        var params: [String: String] = [:]
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            guard token.hasPrefix("+") else { throw GeoTIFFError.unsupportedCRS("PROJ string token '\(token)' does not start with '+'") }
            let body = token.dropFirst()
            if let eq = body.firstIndex(of: "=") {
                params[String(body[..<eq])] = String(body[body.index(after: eq)...])
            } else {
                params[String(body)] = ""
            }
        }
        var used: Set<String> = ["proj", "no_defs", "type", "wktext"]
        func number(_ key: String, default d: Double? = nil) throws -> Double {
            used.insert(key)
            guard let s = params[key] else {
                if let d { return d }
                throw GeoTIFFError.unsupportedCRS("PROJ string '\(text)' lacks +\(key)")
            }
            guard let v = Double(s), v.isFinite else { throw GeoTIFFError.unsupportedCRS("+\(key)=\(s) is not a number") }
            return v
        }
        guard let method = params["proj"] else { throw GeoTIFFError.unsupportedCRS("PROJ string '\(text)' has no +proj") }
        var keys = GeoKeySet()
        let geographic = method == "longlat" || method == "latlong"
        keys.set("GTModelTypeGeoKey", .short(geographic ? modelTypeGeographic : modelTypeProjected))
        keys.set("GTRasterTypeGeoKey", .short(rasterPixelIsArea))
        keys.set("GTCitationGeoKey", .ascii(text.trimmingCharacters(in: .whitespaces)))

        // The geographic CRS.
        used.insert("datum"); used.insert("ellps"); used.insert("towgs84")
        if let t = params["towgs84"], !t.split(separator: ",").allSatisfy({ Double($0) == 0 }) {
            throw GeoTIFFError.unsupportedCRS("+towgs84=\(t): only a zero shift can be written; pass an EPSG code")
        }
        var isWGS84 = false
        if let datum = params["datum"] {
            guard datum.uppercased() == "WGS84" else { throw GeoTIFFError.unsupportedCRS("+datum=\(datum): only WGS84 is supported; pass an EPSG code") }
            isWGS84 = true
        } else if params["ellps"]?.uppercased() == "WGS84", params["towgs84"] != nil {
            isWGS84 = true
        }
        var geog: [(String, Value)] = []
        if isWGS84 {
            geog.append(("GeographicTypeGeoKey", .short(gcsWGS84)))
        } else {
            geog += [("GeographicTypeGeoKey", .short(userDefined)), ("GeogGeodeticDatumGeoKey", .short(userDefined)),
                     ("GeogPrimeMeridianGeoKey", .short(primeMeridianGreenwich)), ("GeogAngularUnitsGeoKey", .short(angularDegree))]
            switch params["ellps"]?.uppercased() {
            case "WGS84": geog.append(("GeogEllipsoidGeoKey", .short(ellipsoidWGS84)))
            case "GRS80": geog.append(("GeogEllipsoidGeoKey", .short(ellipsoidGRS80)))
            case nil:
                let a = try number("a")
                geog += [("GeogEllipsoidGeoKey", .short(userDefined)), ("GeogSemiMajorAxisGeoKey", .double(a))]
                if params["rf"] != nil {
                    geog.append(("GeogInvFlatteningGeoKey", .double(try number("rf"))))
                } else {
                    geog.append(("GeogSemiMinorAxisGeoKey", .double(try number("b", default: a))))
                }
            case let e?:
                throw GeoTIFFError.unsupportedCRS("+ellps=\(e): only WGS84 and GRS80 (or +a with +rf/+b) are supported")
            }
        }
        if let pm = params["pm"], pm.lowercased() != "greenwich", Double(pm) != 0 {
            throw GeoTIFFError.unsupportedCRS("+pm=\(pm): only Greenwich is supported")
        }
        used.insert("pm")

        // The projection.
        var proj: [(String, Value)] = []
        func transform(_ ct: Int) {
            proj += [("ProjectedCSTypeGeoKey", .short(userDefined)), ("ProjectionGeoKey", .short(userDefined)),
                     ("ProjCoordTransGeoKey", .short(ct))]
        }
        switch method {
        case "longlat", "latlong":
            break
        case "aea":
            transform(ctAlbersEqualArea)
            proj += [("ProjStdParallel1GeoKey", .double(try number("lat_1"))),
                     ("ProjStdParallel2GeoKey", .double(try number("lat_2", default: try number("lat_1")))),
                     ("ProjNatOriginLatGeoKey", .double(try number("lat_0", default: 0))),
                     ("ProjNatOriginLongGeoKey", .double(try number("lon_0", default: 0)))]
        case "tmerc":
            transform(ctTransverseMercator)
            let k = params["k"] != nil ? try number("k") : try number("k_0", default: 1)
            used.insert("k")
            proj += [("ProjNatOriginLatGeoKey", .double(try number("lat_0", default: 0))),
                     ("ProjNatOriginLongGeoKey", .double(try number("lon_0", default: 0))),
                     ("ProjScaleAtNatOriginGeoKey", .double(k))]
        case "utm":
            let zone = try number("zone")
            guard zone == zone.rounded(), (1...60).contains(zone) else { throw GeoTIFFError.unsupportedCRS("+zone=\(zone) is not 1...60") }
            used.insert("south")
            let south = params["south"] != nil
            if isWGS84, params["x_0"] == nil, params["y_0"] == nil {
                var k = GeoKeySet()
                k.set("GTModelTypeGeoKey", .short(modelTypeProjected))
                k.set("GTRasterTypeGeoKey", .short(rasterPixelIsArea))
                k.set("ProjectedCSTypeGeoKey", .short((south ? 32700 : 32600) + Int(zone)))
                try checkUnits(params, &used)
                try checkAllUsed(params, used)
                return k
            }
            transform(ctTransverseMercator)
            proj += [("ProjNatOriginLatGeoKey", .double(0)), ("ProjNatOriginLongGeoKey", .double(zone * 6 - 183)),
                     ("ProjScaleAtNatOriginGeoKey", .double(0.9996)),
                     ("ProjFalseEastingGeoKey", .double(500_000)), ("ProjFalseNorthingGeoKey", .double(south ? 10_000_000 : 0))]
        case "lcc":
            let lat1 = try number("lat_1"), lat0 = try number("lat_0", default: lat1)
            if params["lat_2"] == nil, lat0 == lat1 {
                transform(ctLambertConfConic1SP)
                let k = params["k"] != nil ? try number("k") : try number("k_0", default: 1)
                used.insert("k")
                proj += [("ProjNatOriginLatGeoKey", .double(lat0)), ("ProjNatOriginLongGeoKey", .double(try number("lon_0", default: 0))),
                         ("ProjScaleAtNatOriginGeoKey", .double(k))]
            } else {
                transform(ctLambertConfConic2SP)
                proj += [("ProjStdParallel1GeoKey", .double(lat1)), ("ProjStdParallel2GeoKey", .double(try number("lat_2", default: lat1))),
                         ("ProjFalseOriginLatGeoKey", .double(lat0)),
                         ("ProjFalseOriginLongGeoKey", .double(try number("lon_0", default: 0))),
                         ("ProjFalseOriginEastingGeoKey", .double(try number("x_0", default: 0))),
                         ("ProjFalseOriginNorthingGeoKey", .double(try number("y_0", default: 0)))]
            }
        case "laea":
            transform(ctLambertAzimEqualArea)
            proj += [("ProjCenterLatGeoKey", .double(try number("lat_0", default: 0))),
                     ("ProjCenterLongGeoKey", .double(try number("lon_0", default: 0)))]
        default:
            throw GeoTIFFError.unsupportedCRS("+proj=\(method) cannot be written as GeoKeys (aea, tmerc, utm, lcc, laea, longlat can); pass an EPSG code")
        }
        if !geographic, method != "utm", !proj.contains(where: { $0.0 == "ProjFalseOriginEastingGeoKey" }) {
            proj += [("ProjFalseEastingGeoKey", .double(try number("x_0", default: 0))),
                     ("ProjFalseNorthingGeoKey", .double(try number("y_0", default: 0)))]
        }
        if !geographic {
            try checkUnits(params, &used)
            proj.append(("ProjLinearUnitsGeoKey", .short(linearMeter)))
        }
        try checkAllUsed(params, used)
        for (n, v) in geog + proj { keys.set(n, v) }
        return keys
    }

    private static func checkUnits(_ params: [String: String], _ used: inout Set<String>) throws {
        used.insert("units")
        if let u = params["units"], u != "m" {
            throw GeoTIFFError.unsupportedCRS("+units=\(u): only metres are supported")
        }
    }

    private static func checkAllUsed(_ params: [String: String], _ used: Set<String>) throws {
        let unknown = params.keys.filter { !used.contains($0) }.sorted()
        if !unknown.isEmpty {
            throw GeoTIFFError.unsupportedCRS("PROJ parameters " + unknown.map { "+\($0)" }.joined(separator: ", ")
                                              + " cannot be written as GeoKeys; pass an EPSG code")
        }
    }
}
