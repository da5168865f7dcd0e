import Foundation
import Testing
@testable import MapStyle

/// Decoding: errors name their JSON path and are all collected; warnings are reported once.
@Suite struct StyleDecodingTests {
    @Test func errorNamesThePathAndFoundValue() {
        let errors = styleErrors(styleJSON(layers: """
        [{"id": "bg", "type": "background"},
         {"id": "a", "type": "line", "source": "countries"},
         {"id": "b", "type": "line", "source": "countries"},
         {"id": "c", "type": "line", "source": "countries", "paint": {"line-width": "wide"}}]
        """))
        #expect(errors == [#"layers[3].paint.line-width: expected number or expression, found string "wide""#])
    }

    @Test func collectsAllErrors() {
        let errors = styleErrors(styleJSON(layers: """
        [{"id": "a", "type": "fill", "source": "countries", "paint": {"fill-color": "not-a-colour", "fill-opacity": true}},
         {"id": "a", "type": "line", "source": "nowhere"},
         {"id": "c", "type": "fill-extrusion", "source": "countries"},
         {"id": "d", "type": "line", "source": "countries", "layout": {"line-cap": "flat"},
          "paint": {"line-color": ["match", ["get", "k"], "x", 3, "red"]}},
         {"type": "circle", "source": "countries", "minzoom": 30}]
        """))
        #expect(errors == [
            #"layers[0].paint.fill-color: expected color or expression, found string "not-a-colour" (not a CSS colour)"#,
            "layers[0].paint.fill-opacity: expected number or expression, found boolean true",
            #"layers[1].id: duplicate layer id "a" (first used by layers[0])"#,
            #"layers[1].source: source "nowhere" is not defined in sources"#,
            #"layers[2].type: layer type "fill-extrusion" is not supported (supported: background, fill, line, circle, symbol, raster, heatmap)"#,
            #"layers[3].paint.line-color[3]: expected color, found number 3"#,
            #"layers[3].layout.line-cap: expected one of "butt", "round", "square" or expression, found string "flat""#,
            "layers[4].id: required",
            "layers[4].minzoom: expected a number 0-24, found number 30",
        ])
    }

    @Test(arguments: [
        (#"["interpolate", ["linear"], ["zoom"], 5, 1, 3, 2]"#, "layers[0].paint.line-width[5]: stop inputs must be strictly ascending (3 after 5)"),
        (#"["interpolate", ["cubic-bezier", 0, 0, 1, 1], ["zoom"], 1, 1, 3, 2]"#,
         #"layers[0].paint.line-width[1]: interpolation type must be ["linear"] or ["exponential", base] (cubic-bezier is not supported), found ["cubic-bezier",0,0,1,1]"#),
        (#"["step", ["zoom"], 1, "x", 2]"#, #"layers[0].paint.line-width[3]: stop input must be a number literal, found string "x""#),
        (#"["get"]"#, #"layers[0].paint.line-width: "get" expects 1 argument (a property name), found 0 arguments"#),
        (#"["+", 1, 2]"#, #"layers[0].paint.line-width: expression operator "+" is not supported"#),
        (#"["frobnicate", 1]"#, #"layers[0].paint.line-width: unknown expression operator "frobnicate""#),
        (#"["==", ["get", "a"], 1]"#, #"layers[0].paint.line-width: expected number, found boolean expression "==""#),
        (#"["case", ["get", "a"], 1, "two"]"#, #"layers[0].paint.line-width[3]: expected number, found string "two""#),
        (#"["match", ["get", "a"], [], 1, 2]"#, "layers[0].paint.line-width[2]: match label array is empty"),
        (#"["coalesce", ["get", "a"], [1, 2]]"#,
         #"layers[0].paint.line-width[2]: expected an expression (an array starting with an operator name); wrap array constants in ["literal", ...]"#),
    ])
    func expressionErrors(_ json: String, _ expected: String) {
        let errors = styleErrors(styleJSON(layers: #"[{"id": "l", "type": "line", "source": "countries", "paint": {"line-width": \#(json)}}]"#))
        #expect(errors == [expected])
    }

    @Test func legacyFilterIsRejectedWithAHint() {
        let errors = styleErrors(styleJSON(layers: #"[{"id": "l", "type": "line", "source": "countries", "filter": ["all", ["==", "level", 2]]}]"#))
        #expect(errors == [#"layers[0].filter: legacy filter syntax is not supported; write ["==", ["get", "level"], 2]"#])
    }

    @Test func filterMustBeBoolean() {
        let errors = styleErrors(styleJSON(layers: #"[{"id": "l", "type": "line", "source": "countries", "filter": ["get", "x"]}, {"id": "m", "type": "line", "source": "countries", "filter": 3}]"#))
        #expect(errors == ["layers[1].filter: expected boolean or expression, found number 3"])
    }

    @Test(arguments: [
        (#""web": {"type": "vector", "url": "https://example.com/tiles.json"}"#, [
            "sources.web.url: network and inline sources are not allowed: styles read local data only (types: shapefile, geojson, incidents, density, hotspots, routes)",
            #"sources.web.type: source type "vector" is not supported; sources are local: shapefile, geojson, incidents, density, hotspots, routes"#,
        ]),
        (#""web": {"type": "raster", "tiles": ["http://a.example/{z}/{x}/{y}.png"]}"#, [
            "sources.web.tiles: network and inline sources are not allowed: styles read local data only (types: shapefile, geojson, incidents, density, hotspots, routes)",
            #"sources.web.type: source type "raster" is not supported; sources are local: shapefile, geojson, incidents, density, hotspots, routes"#,
        ]),
        (#""web": {"type": "shapefile", "path": "https://example.com/x.shp"}"#,
         [#"sources.web.path: must be a local file path, found "https://example.com/x.shp""#]),
        (#""web": {"type": "shapefile", "path": "roads.geojson"}"#, [#"sources.web.path: expected a .shp file, found "roads.geojson""#]),
        (#""web": {"type": "density", "radius": 25, "kernel": "box", "scale": -1}"#, [
            #"sources.web.kernel: expected one of "quartic", "gaussian", "epanechnikov", "triweight", "triangular", "uniform", found string "box""#,
            #"sources.web.radius: expected a positive length with a unit ("25km", "800m"), found number 25"#,
            "sources.web.scale: expected a positive number, found number -1",
        ]),
    ])
    func badSourcesAreRejected(_ source: String, _ expected: [String]) {
        #expect(styleErrors(styleJSON(layers: "[]", sources: source)) == expected)
    }

    @Test func analyticalSourcesDecode() throws {
        let decoded = try decodeStyle(styleJSON(layers: "[]", sources: """
        "d": {"type": "density", "kernel": "gaussian", "radius": "25km", "cell": "1km", "weight": "quantity_kg", "scale": 0.5,
              "filter": ["==", ["get", "category"], "seizure"], "from": "2024-01-01", "to": "2024-12-31"},
        "h": {"type": "hotspots", "cell": "10km", "shape": "fishnet"}, "i": {"type": "incidents"}, "r": {"type": "routes"}
        """))
        let d = try #require(decoded.style.sources["d"])
        #expect(d.kind == .density)
        #expect(d.density?.kernel == .gaussian)
        #expect(d.density?.radius == .fixed(.kilometers(25)))
        #expect(d.density?.cell?.meters == 1000)
        #expect(d.density?.weight == "quantity_kg")
        #expect(d.density?.scale == 0.5)
        #expect(d.from?.description == "2024-01-01" && d.to?.description == "2024-12-31")
        #expect(d.filter?.evaluate(EvaluationContext(zoom: 0, properties: ["category": .string("seizure")])) == .bool(true))
        #expect(decoded.style.sources["h"]?.hotspots == HotspotOptions(cell: .kilometers(10), shape: .fishnet))
        #expect(decoded.style.sources["i"]?.kind == .incidents)
        #expect(decoded.warnings.isEmpty)
    }

    @Test func propertiesReadFromASourceAreTheKeysOfItsExpressions() throws {
        let decoded = try decodeStyle(styleJSON(layers: """
        [{"id": "a", "type": "circle", "source": "i", "filter": ["has", "vehicle"],
          "paint": {"circle-color": ["match", ["get", "category"], "seizure", "red", "blue"],
                    "circle-radius": ["interpolate", ["linear"], ["coalesce", ["get", "quantity_kg"], 0], 0, 2, 100, 8]}},
         {"id": "b", "type": "circle", "source": "j"},
         {"id": "c", "type": "symbol", "source": "k", "layout": {"text-field": "{name}"}}]
        """, sources: #""i": {"type": "incidents", "filter": ["==", ["get", "agency"], "x"]}, "j": {"type": "incidents"}, "k": {"type": "incidents"}"#))
        #expect(decoded.style.propertyNames(readFrom: "i") == ["vehicle", "category", "quantity_kg", "agency"])
        #expect(decoded.style.propertyNames(readFrom: "j") == [])
        #expect(decoded.style.propertyNames(readFrom: "k") == nil, "a symbol layer may name any field in its text")
    }

    @Test func incidentSourcesCluster() throws {
        let decoded = try decodeStyle(styleJSON(layers: "[]", sources: #""a": {"type": "incidents", "cluster": true}, "b": {"type": "incidents", "cluster": true, "clusterRadius": 40, "clusterMaxZoom": 8, "clusterTileLimit": 500}, "c": {"type": "incidents"}"#))
        #expect(decoded.style.sources["a"]?.cluster == ClusterOptions(radius: 50, maxZoom: 9, tileLimit: 2000))
        #expect(decoded.style.sources["b"]?.cluster == ClusterOptions(radius: 40, maxZoom: 8, tileLimit: 500))
        #expect(decoded.style.sources["c"]?.cluster == nil)
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""a": {"type": "incidents", "cluster": "yes"}"#))
                == [#"sources.a.cluster: expected boolean, found string "yes""#])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""a": {"type": "incidents", "cluster": true, "clusterMaxZoom": 7.5}"#))
                == ["sources.a.clusterMaxZoom: expected a whole zoom from 0 to 24, found number 7.5"])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""a": {"type": "incidents", "cluster": true, "clusterTileLimit": 0}"#))
                == ["sources.a.clusterTileLimit: expected a whole number of incidents from 1 to 1000000, found number 0"])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""a": {"type": "incidents", "clusterRadius": 30}"#))
                == [#"sources.a.clusterRadius: needs "cluster": true"#])
    }

    @Test func geojsonSourcesNameAFileOfTheDataFolder() throws {
        let decoded = try decodeStyle(styleJSON(layers: "[]", sources: #""j": {"type": "geojson", "path": "plates/journeys.geojson"}"#))
        let j = try #require(decoded.style.sources["j"])
        #expect(j.kind == .geojson && j.path == "plates/journeys.geojson")
        #expect(j.kind.isIncidentDerived, "drawn per render, like routes")
        let bad = "sources.j.path: expected a .geojson file inside the data folder (relative, no ..), found "
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""j": {"type": "geojson", "path": "/etc/passwd.geojson"}"#))
                == [bad + "\"/etc/passwd.geojson\""])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""j": {"type": "geojson", "path": "../x.geojson"}"#))
                == [bad + "\"../x.geojson\""])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""j": {"type": "geojson", "path": "roads.shp"}"#))
                == [bad + "\"roads.shp\""])
        #expect(styleErrors(styleJSON(layers: "[]", sources: #""j": {"type": "geojson"}"#))
                == ["sources.j.path: required for a geojson source (a file of the data folder)"])
    }

    @Test func unknownPropertiesWarnOnceAndAreNotFatal() throws {
        let decoded = try decodeStyle(styleJSON(layers: """
        [{"id": "a", "type": "fill", "source": "countries", "paint": {"fill-shimmer": 1, "fill-color": "red"}},
         {"id": "b", "type": "fill", "source": "countries", "paint": {"fill-shimmer": 2}, "layout": {"icon-image": "x"}},
         {"id": "c", "type": "line", "source": "countries", "paint": {"fill-color": "red"}, "layout": {"line-color": "red"}, "extra": 1}]
        """).replacingOccurrences(of: #""name": "t","#, with: #""name": "t", "sprite": "x","#))
        #expect(decoded.warnings.map(\.description) == [
            #"sprite: unknown key "sprite" ignored"#,
            #"layers[0].paint.fill-shimmer: unknown paint property "fill-shimmer" ignored (also at layers[1].paint.fill-shimmer)"#,
            #"layers[1].layout.icon-image: "icon-image" not supported (no sprites): draw markers with a circle layer; ignored"#,
            #"layers[2].extra: unknown key "extra" ignored"#,
            #"layers[2].paint.fill-color: "fill-color" is not a line layer property; ignored"#,
            #"layers[2].layout.line-color: "line-color" is a paint property, not layout; ignored"#,
        ])
        let layer = try #require(decoded.style.layer(id: "a"))
        #expect(layer.setPropertyNames == ["fill-color"])
        #expect(layer.property("fill-color").color(EvaluationContext(zoom: 3)) == StyleColor(css: "red"))
    }

    @Test func documentLevelErrors() {
        #expect(styleErrors(#"{"version": 7, "sources": {}, "layers": []}"#) == ["version: expected 8, found number 7"])
        #expect(styleErrors(#"{"sources": {}}"#) == ["version: required; must be 8", "layers: required"])
        #expect(styleErrors("[1, 2]") == ["expected a style object, found array"])
        #expect(styleErrors(#"{"version": 8,"#) == ["invalid JSON at byte 14: unexpected end of input"])
    }

    @Test func defaultsAndEvaluation() throws {
        let style = try decodeStyle(styleJSON(layers: """
        [{"id": "roads", "type": "line", "source": "countries", "minzoom": 4, "maxzoom": 10,
          "filter": [">=", ["get", "pop"], ["step", ["zoom"], 1000, 6, 10]],
          "layout": {"line-cap": "round", "visibility": "visible"},
          "paint": {"line-width": ["interpolate", ["linear"], ["zoom"], 4, 1, 8, 3], "line-color": ["get", "colour"],
                    "line-dasharray": [2, 1]}}]
        """)).style
        let layer = try #require(style.layers.first)
        #expect(style.source(for: layer)?.path == "../Shapefiles/ca_admin0_countries.shp")
        #expect(layer.isVisible(atZoom: 4) && layer.isVisible(atZoom: 9.9))
        #expect(!layer.isVisible(atZoom: 3.9) && !layer.isVisible(atZoom: 10))
        let small = EvaluationContext(zoom: 5, properties: ["pop": .integer(500), "colour": .string("#00ff00")])
        let big = EvaluationContext(zoom: 6, properties: ["pop": .integer(500), "colour": .string("nonsense")])
        #expect(!layer.accepts(small) && layer.accepts(big))
        #expect(layer.property("line-width").number(small) == 1.5)
        #expect(layer.property("line-color").color(small) == StyleColor(red: 0, green: 1, blue: 0))
        #expect(layer.property("line-color").color(big) == .black, "unparsable colour falls back to the default")
        #expect(layer.property("line-cap").string(small) == "round")
        #expect(layer.property("line-join").string(small) == "miter")
        #expect(layer.property("line-miter-limit").number(small) == 2)
        #expect(layer.property("line-dasharray").numbers(small) == [2, 1])
        #expect(layer.property("line-opacity").isConstant && !layer.property("line-opacity").isSet)
        #expect(layer.property("no-such-thing").evaluate(small) == .null)
    }

    @Test func contentHashIsFNV1a64OfTheBytes() throws {
        // FNV-1a 64 reference vectors (Fowler-Noll-Vo test suite): "" and "a".
        #expect(fnv1a64([]) == 0xcbf2_9ce4_8422_2325)
        #expect(fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        let text = styleJSON(layers: "[]")
        let a = try decodeStyle(text).style, b = try decodeStyle(text + " ").style
        #expect(a.contentHash == fnv1a64(Array(text.utf8)))
        #expect(a.contentHash != b.contentHash)
        #expect(a.contentHashHex.count == 16)
    }
}

@Suite struct PublicExpressionParseTests {
    @Test func parsesAFilter() throws {
        let e = try StyleExpression.parse(json: #"["match", ["get", "category"], ["seizure", "detention"], true, false]"#, expecting: .boolean)
        #expect(e.evaluate(EvaluationContext(zoom: 0, properties: ["category": .string("detention")])) == .bool(true))
        #expect(e.evaluate(EvaluationContext(zoom: 0, properties: ["category": .string("other")])) == .bool(false))
    }

    @Test func reportsErrorsWithRelativePaths() {
        #expect(throws: StyleError([StyleDiagnostic(path: "[2]", message: #"expected color, found string "nope" (not a CSS colour)"#)])) {
            try StyleExpression.parse(json: #"["coalesce", ["get", "c"], "nope"]"#, expecting: .color)
        }
        #expect(throws: StyleError([StyleDiagnostic(path: "", message: #"legacy filter syntax is not supported; write ["==", ["get", "k"], "v"]"#)])) {
            try StyleExpression.parse(json: #"["==", "k", "v"]"#, expecting: .boolean)
        }
    }
}
