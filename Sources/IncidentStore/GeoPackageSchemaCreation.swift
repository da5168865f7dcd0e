import GRDB

extension GeoPackageSchemaSQL {
    /// Creates the core tables, the spatial reference rows (-1, 0, 4326 and the layer's), the
    /// layer's `gpkg_contents` and `gpkg_geometry_columns` rows, the feature table and, when
    /// `options.spatialIndex`, the `gpkg_extensions` row and the empty R-tree. The extent and the
    /// R-tree triggers are added after the rows (see `rtreeTriggers`).
    static func create(_ plan: GeoPackageLayerPlan, options: GeoPackageWriteOptions, _ db: Database) throws {
        try db.execute(sql: coreTables)
        var rows = GeoPackageSpatialReference.required
        if !rows.contains(where: { $0.id == plan.srs.id }) { rows.append(plan.srs) }
        for s in rows {
            try db.execute(sql: """
                INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition, description)
                VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [s.name, s.id, s.organization, s.organizationCoordsysID, s.definition, s.description])
        }
        try db.execute(sql: """
            INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id)
            VALUES (?, 'features', ?, ?, ?)
            """, arguments: [plan.table, options.identifier ?? plan.table, options.description, plan.srs.id])
        try db.execute(sql: """
            INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [plan.table, options.geometryColumn, plan.geometryType.name.rawValue, plan.srs.id,
                             plan.geometryType.z, plan.geometryType.m])
        try db.execute(sql: featureTable(plan.table, fid: options.fidColumn, geometry: options.geometryColumn,
                                         geometryType: plan.geometryType.name.rawValue, columns: plan.columns))
        if options.spatialIndex {
            try db.execute(sql: """
                INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
                VALUES (?, ?, 'gpkg_rtree_index', ?, 'write-only')
                """, arguments: [plan.table, options.geometryColumn, rtreeExtensionDefinition])
            try db.execute(sql: rtreeTable(plan.table, options.geometryColumn))
        }
    }
}
