import Foundation

/// Where the folders BorderMap ships (`Styles/`, `Shapefiles/`) are found when a command is not
/// told: in the working directory (a checkout), else under `$BORDERMAP_SHARE`, else in the share
/// folder `make install` made beside the binary (`PREFIX/share/bordermap`, the binary being
/// `PREFIX/lib/bordermap/bordermap` behind the `PREFIX/bin/bordermap` link, or
/// `PREFIX/bin/bordermap` itself). A folder given on the command line is taken as given.
enum ShareFolder {
    /// The environment variable naming a share folder (holding `Styles/` and `Shapefiles/`).
    static let environmentVariable = "BORDERMAP_SHARE"

    /// The folders searched for a shipped folder, in order, before the installed ones.
    static func candidates(for name: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                           executable: URL? = Bundle.main.executableURL) -> [String] {
        var found = [name]
        if let share = environment[environmentVariable], !share.isEmpty { found.append((share as NSString).appendingPathComponent(name)) }
        if let binary = executable?.resolvingSymlinksInPath().deletingLastPathComponent() {
            // PREFIX/lib/bordermap/bordermap and PREFIX/bin/bordermap
            for up in ["../../share/bordermap", "../share/bordermap"] {
                found.append(binary.appendingPathComponent(up).appendingPathComponent(name).standardizedFileURL.path)
            }
        }
        return found
    }

    /// The first existing candidate folder for `name`, or `name` itself when none exists (the
    /// command then fails on it with the folder in its message).
    static func resolve(_ name: String) -> String {
        candidates(for: name).first { isDirectory($0) } ?? name
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}
