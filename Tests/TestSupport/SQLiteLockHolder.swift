import Foundation

/// Another process holding the write lock of an SQLite database: Debian's sqlite3 shell in a
/// `BEGIN IMMEDIATE` transaction, reading its commands from a pipe, so that `release()` (closing
/// the pipe) ends the shell and its transaction. For tests of what a write does when the file is
/// locked past its busy timeout.
public final class SQLiteLockHolder {
    private let process = Process()
    private let input = Pipe()

    /// Starts the shell on `database` and returns once it holds the lock (it touches a flag file
    /// beside the database right after `BEGIN IMMEDIATE` succeeds).
    /// - Throws: when the shell cannot start or ends before taking the lock.
    public init(database: String) throws {
        let flag = database + ".locked-\(UUID().uuidString)"
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell touch '\(flag)'\n".utf8))
        while !FileManager.default.fileExists(atPath: flag) {
            guard process.isRunning else {
                throw LockError("the sqlite3 shell ended (status \(process.terminationStatus)) before locking \(database)")
            }
            usleep(20_000)
        }
        try? FileManager.default.removeItem(atPath: flag)
    }

    /// Ends the shell, rolling its transaction back and releasing the lock.
    public func release() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }

    deinit { if process.isRunning { release() } }
}

/// The sqlite3 shell could not take the lock.
public struct LockError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
