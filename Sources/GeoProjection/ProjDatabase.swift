/// Checks on PROJ's resource database, `proj.db`.
public enum ProjDatabase {
    /// The path of the `proj.db` PROJ opens for the calling thread (default search path,
    /// `PROJ_DATA`).
    /// - Throws: `ProjectionError.databaseNotFound` when PROJ cannot open `proj.db`.
    public static func path() throws -> String {
        let context = try ProjContext.current()
        return context.databasePath ?? ""
    }

    /// The path of the `proj.db` found when PROJ searches only `searchPaths`; use it to check a
    /// deployment's data directory before use.
    /// - Throws: `ProjectionError.databaseNotFound` naming the paths and PROJ's message.
    public static func path(searchPaths: [String]) throws -> String {
        let context = try ProjContext(searchPaths: searchPaths)
        return context.databasePath ?? ""
    }
}
