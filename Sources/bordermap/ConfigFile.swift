import ArgumentParser
import Foundation

/// `--config FILE`: a command's options kept in a file, as services keep them
/// (`/etc/bordermap/bordermap.conf`). One setting a line, `name = value`, where `name` is the
/// command's long option without `--` (`port = 8080`, `db = /var/lib/bordermap/incidents.sqlite`,
/// `token-file = /etc/bordermap/tokens`); flags take `true` or `false` (`protect-reads = true`);
/// `#` starts a comment line; blank lines are skipped. Options on the command line win over the
/// file's (the file's settings are put before them). The settings are the command's own options,
/// so `bordermap serve --help` documents them and ArgumentParser checks them, and every error
/// names the file and line.
///
/// Secrets stay out of the file's values where a file of their own is meant for them
/// (`token-file`, `postgres-password-file`).
struct ConfigFile {
    /// The arguments the file stands for, in order (`--port`, `8080`, `--protect-reads`, …).
    let arguments: [String]

    /// Reads and checks the file against `command`'s options.
    /// - Throws: `ValidationError` naming the file and line for an unreadable file, a line
    ///   without `=`, an unknown setting or a bad value.
    init<Command: ParsableCommand>(path: String, for command: Command.Type) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("--config \(path) cannot be read")
        }
        var arguments: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces.union(CharacterSet(charactersIn: "\r")))
            if line.isEmpty || line.hasPrefix("#") { continue }
            let place = "\(path) line \(index + 1)"
            guard let equals = line.firstIndex(of: "=") else { throw ValidationError("\(place): expected `name = value`, found \(line)") }
            let name = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, !name.hasPrefix("-"), name != "config" else {
                throw ValidationError("\(place): `\(name)` is not a setting name (write the option without --, e.g. port = 8080)")
            }
            let setting: [String]
            switch value.lowercased() {
            case "true": setting = ["--\(name)"]
            case "false": setting = []
            default: setting = ["--\(name)", value]
            }
            // Checked alone, so that an unknown name or a bad value is reported with its line.
            do { _ = try Command.parseAsRoot(setting) } catch {
                throw ValidationError("\(place): \(Command.message(for: error))")
            }
            arguments += setting
        }
        self.arguments = arguments
    }

    /// `arguments` (the command line after the program name) with `--config FILE` (or
    /// `--config=FILE`) after the subcommand replaced by the file's settings, placed right after
    /// the subcommand's name so that the command line's own options win.
    /// - Throws: `ValidationError` for a `--config` without a file, or the file's errors.
    static func expand(_ arguments: [String], subcommands: [String: any ParsableCommand.Type]) throws -> [String] {
        guard let first = arguments.first, let command = subcommands[first] else { return arguments }
        var rest = Array(arguments.dropFirst()), settings: [String] = []
        while let at = rest.firstIndex(where: { $0 == "--config" || $0.hasPrefix("--config=") }) {
            let path: String
            if rest[at] == "--config" {
                guard at + 1 < rest.count else { throw ValidationError("--config needs a file") }
                path = rest[at + 1]
                rest.removeSubrange(at...(at + 1))
            } else {
                path = String(rest[at].dropFirst("--config=".count))
                rest.remove(at: at)
            }
            settings += try ConfigFile(path: path, for: command).arguments
        }
        return [first] + settings + rest
    }
}
