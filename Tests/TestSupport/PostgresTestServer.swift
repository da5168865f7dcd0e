import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real PostgreSQL 15 + PostGIS server for the tests: `initdb` into a temporary directory,
/// `pg_ctl start` on a free port of 127.0.0.1 (and a Unix socket in that directory), trust
/// authentication, started once per test process on first use, stopped (`pg_ctl stop -m fast`)
/// and deleted when the process exits. PostgreSQL refuses to run as root, so under root the
/// server's programs run as the `postgres` user (`runuser`) in a directory it owns. Each test
/// asks for a database of its own (`createDatabase()`), so tests stay independent.
public final class PostgresTestServer: Sendable {
    public static let binDirectory = "/usr/lib/postgresql/15/bin"
    public static let postgisControl = "/usr/share/postgresql/15/extension/postgis.control"

    /// The Debian package whose absence keeps the PostgreSQL tests from running, or nil.
    public static let missingPackage: String? = {
        if !FileManager.default.isExecutableFile(atPath: binDirectory + "/initdb") { return "postgresql-15" }
        if !FileManager.default.fileExists(atPath: postgisControl) { return "postgresql-15-postgis-3" }
        return nil
    }()

    /// Whether PostgreSQL and PostGIS are installed; when not, says so loudly (once), since the
    /// PostgreSQL backend then goes untested.
    public static let isInstalled: Bool = {
        guard let missing = missingPackage else { return true }
        let line = String(repeating: "!", count: 100)
        print("""
            \(line)
            WARNING: the PostgreSQL incident store tests are SKIPPED: Debian package \(missing) is not installed.
            Install it with `make setup WITH_POSTGRES=1` (or `apt-get install postgresql-15 postgresql-15-postgis-3`).
            \(line)
            """)
        return false
    }()

    /// The server of this process, started on first use.
    public static let shared: Result<PostgresTestServer, any Error> = Result { try PostgresTestServer() }

    /// The server, or the error that kept it from starting.
    public static func server() throws -> PostgresTestServer { try shared.get() }

    public let directory: String
    public let port: Int
    private let asPostgres: [String]

    private init() throws {
        let dir = try Tool.temporaryDirectory("bordermap-postgres").path
        directory = dir
        let root = getuid() == 0
        asPostgres = root ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []
        if root { try Self.run(["/bin/chown", "postgres:postgres", dir], log: nil) }
        let log = dir + "/setup.log"
        try Self.run(asPostgres + [Self.binDirectory + "/initdb", "-D", dir + "/data", "-U", "postgres",
                                   "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], log: log)
        port = try Self.freePort()
        let options = "-c listen_addresses=127.0.0.1 -c port=\(port) -c unix_socket_directories=\(dir) -c fsync=off"
        try Self.run(asPostgres + [Self.binDirectory + "/pg_ctl", "-D", dir + "/data", "-l", dir + "/server.log",
                                   "-o", options, "-w", "-t", "60", "start"], log: log)
        PostgresTestServer.running = (asPostgres, dir)
        atexit { PostgresTestServer.stopRunning() }
        try Self.startWatchdog(asPostgres: asPostgres, directory: dir)
    }

    /// A URL of database `name` over TCP.
    public func url(_ database: String) -> String { "postgres://postgres@127.0.0.1:\(port)/\(database)" }

    /// A URL of database `name` over the Unix socket.
    public func socketURL(_ database: String) -> String { "postgres://postgres@/\(database)?host=\(directory)&port=\(port)" }

    /// Creates a new empty database and returns its name.
    public func createDatabase() throws -> String {
        let name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        _ = try psql("postgres", "CREATE DATABASE \(name)")
        return name
    }

    /// Runs Debian's `psql` on `database` (as `postgres`, over TCP) and returns its trimmed,
    /// unaligned output; the independent oracle of the PostgreSQL tests.
    @discardableResult
    public func psql(_ database: String, _ sql: String) throws -> String {
        try psql(database, arguments: ["-c", sql], input: nil)
    }

    /// Runs psql on `database` with `script` on its standard input (psql then prints the
    /// notifications a `LISTEN` received, which it does not with `-c`).
    @discardableResult
    public func psql(_ database: String, script: String) throws -> String {
        try psql(database, arguments: [], input: Data(script.utf8))
    }

    private func psql(_ database: String, arguments: [String], input: Data?) throws -> String {
        let r = try Tool.run(["/usr/bin/psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1",
                              "-p", "\(port)", "-U", "postgres", "-d", database] + arguments, input: input)
        guard r.status == 0 else {
            throw NSError(domain: "psql", code: Int(r.status), userInfo: [NSLocalizedDescriptionKey: "psql: \(r.stderr)"])
        }
        return r.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: stopping

    /// What `atexit` needs (it cannot capture): the runuser prefix and the directory.
    nonisolated(unsafe) private static var running: ([String], String)?

    private static func stopRunning() {
        guard let (prefix, dir) = running else { return }
        running = nil
        try? run(prefix + [binDirectory + "/pg_ctl", "-D", dir + "/data", "-m", "fast", "-w", "stop"], log: nil)
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// A shell that stops the server and deletes its directory once this process is gone,
    /// however it ended (a crash skips `atexit`).
    private static func startWatchdog(asPostgres: [String], directory: String) throws {
        let stop = (asPostgres + [binDirectory + "/pg_ctl", "-D", directory + "/data", "-m", "immediate", "stop"])
            .map { "'\($0)'" }.joined(separator: " ")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 2; done; if [ -d '\(directory)/data' ]; then \(stop); rm -rf '\(directory)'; fi"]
        p.standardInput = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
    }

    // MARK: helpers

    /// Runs a program with its output appended to `log` (or discarded) and waits for it, with
    /// posix_spawn and waitpid rather than Foundation's Process: the server `pg_ctl` starts
    /// keeps inherited descriptors open (so a pipe never reaches end-of-file), and Process's
    /// exit monitoring was seen to miss `runuser`'s exit here, hanging the tests.
    private static func run(_ arguments: [String], log: String?) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log ?? "/dev/null", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw NSError(domain: "PostgresTestServer", code: Int(spawned),
                          userInfo: [NSLocalizedDescriptionKey: "cannot start \(arguments[0]): \(String(cString: strerror(spawned)))"])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // WIFEXITED && WEXITSTATUS == 0, written out (the C macros are not imported).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) } ?? ""
            throw NSError(domain: "PostgresTestServer", code: Int(status),
                          userInfo: [NSLocalizedDescriptionKey: "\(arguments.joined(separator: " ")) failed (status \(status)): \(text)"])
        }
    }

    /// A TCP port of 127.0.0.1 nobody listens on (the kernel's pick for port 0).
    private static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw NSError(domain: "socket", code: Int(errno)) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        guard bound == 0 else { throw NSError(domain: "bind", code: Int(errno)) }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw NSError(domain: "getsockname", code: Int(errno)) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
