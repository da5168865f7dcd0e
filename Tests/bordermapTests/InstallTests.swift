import Foundation
import TestSupport
import Testing

/// `make install` as a service host gets it: the binary finds its share folder from any working
/// directory, runs without the Swift toolchain, and the systemd unit is one systemd accepts.
@Suite struct InstallTests {
    /// Installs the test build (`make install-files`, the files step of `make install`) under a
    /// temporary prefix.
    static func install() throws -> String {
        let prefix = try Tool.temporaryDirectory("bordermap-prefix").path
        let binDir = URL(fileURLWithPath: CommandLineTests.binary).deletingLastPathComponent().path
        let make = try Tool.run(["make", "-s", "install-files", "PREFIX=\(prefix)", "BIN_DIR=\(binDir)"], in: CommandLineTests.repo.path)
        #expect(make.status == 0, "\(make.stderr)")
        return prefix
    }

    @Test func installedBinaryFindsItsShareFolderFromAnyDirectoryWithoutTheToolchain() throws {
        let prefix = try Self.install()
        let work = try CommandLineTests.tempDir()  // no Styles/ or Shapefiles/ here
        // The toolchain's runtime folder is hidden (an empty folder mounted over it, in a mount
        // namespace of this command only), as on a host without Swift.
        let toolchainLibs = try #require(try Self.toolchainLibraryFolder())
        let empty = try CommandLineTests.tempDir()
        let script = "mount --bind \(empty) \(toolchainLibs) && cd \(work) && \(prefix)/bin/bordermap demo-data --count 40 --out demo.csv"
        let r = try Tool.run(["unshare", "-m", "sh", "-c", script])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = try String(contentsOfFile: "\(work)/demo.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 41)
        // The same command from a folder without Shapefiles/ fails with the old lookup only:
        // here it is run from the build's own binary, which is not installed, to show the message.
        let bare = try CommandLineTests.bordermap(["demo-data", "--count", "5", "--out", "x.csv"], in: work)
        #expect(bare.status != 0 && bare.stderr.contains("Shapefiles"), "\(bare.stderr)")
    }

    @Test func systemdAcceptsTheInstalledUnit() throws {
        let prefix = try Self.install()
        let unit = try String(contentsOfFile: "\(prefix)/share/bordermap/bordermap.service", encoding: .utf8)
        #expect(unit.contains("ExecStart=\(prefix)/bin/bordermap serve --config /etc/bordermap/bordermap.conf"))
        #expect(!unit.contains("@PREFIX@"))
        let verify = try Tool.run(["systemd-analyze", "verify", "\(prefix)/share/bordermap/bordermap.service"])
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
        // The example configuration is one `serve --config` accepts as it ships.
        let check = try CommandLineTests.bordermap(["serve", "--config", "\(prefix)/share/bordermap/bordermap.conf", "--help"])
        #expect(check.status == 0, "\(check.stderr)")
    }

    /// The folder holding the Swift runtime the test binary links (`libswiftCore.so`'s).
    static func toolchainLibraryFolder() throws -> String? {
        let ldd = try Tool.run(["ldd", CommandLineTests.binary])
        return ldd.output.split(separator: "\n").lazy.compactMap { line -> String? in
            guard line.contains("libswiftCore.so"), let path = line.split(separator: " ").first(where: { $0.hasPrefix("/") }) else { return nil }
            return URL(fileURLWithPath: String(path)).deletingLastPathComponent().path
        }.first
    }
}
