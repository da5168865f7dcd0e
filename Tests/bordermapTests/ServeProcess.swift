import Foundation
import Testing

/// A `bordermap serve --port 0` process started as a user would, with the URL it prints first.
struct ServeProcess {
    let process: Process
    let url: String

    /// Starts `bordermap serve --port 0 --styles Styles --data Shapefiles` plus `arguments` in
    /// `directory`, with `environment` added, and waits for its first line (the URL). Its stderr
    /// (the log) goes to `logFile` when given, else nowhere. `launcher` (e.g. `strace -f -o LOG`)
    /// runs the server: the `bordermap` binary and its arguments follow it.
    /// - Throws: when the process cannot start or prints no URL.
    init(_ arguments: [String] = [], in directory: String, environment: [String: String] = [:],
         logFile: String? = nil, launcher: [String] = []) async throws {
        let p = Process()
        let command = launcher + [CommandLineTests.binary, "serve", "--port", "0",
                                  "--styles", CommandLineTests.repo.appendingPathComponent("Styles").path,
                                  "--data", CommandLineTests.shapefiles] + arguments
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.currentDirectoryURL = URL(fileURLWithPath: directory)
        p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        p.standardOutput = out
        if let logFile {
            FileManager.default.createFile(atPath: logFile, contents: nil)
            p.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logFile))
        } else {
            p.standardError = FileHandle.nullDevice
        }
        try p.run()
        // The first stdout line names the URL (port 0: the one the system chose).
        let line = try await Task.detached { () -> String in
            var data = Data()
            while !data.contains(UInt8(ascii: "\n")) {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                data += chunk
            }
            return String(decoding: data, as: UTF8.self)
        }.value
        guard let url = line.split(separator: " ").last.map({ String($0).trimmingCharacters(in: .whitespacesAndNewlines) }),
              url.hasPrefix("http://") else {
            if p.isRunning { p.terminate() }
            throw ServeProcessError(line: line)
        }
        process = p
        self.url = url
    }

    /// Stops the server (SIGTERM) and waits for it.
    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    struct ServeProcessError: Error, CustomStringConvertible {
        let line: String
        var description: String { "bordermap serve printed no URL: \(line)" }
    }
}
