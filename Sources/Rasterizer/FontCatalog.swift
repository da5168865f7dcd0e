import Foundation

/// Where a named font lives: a file and the face index inside it.
public struct FontLocation: Sendable, Hashable {
    /// The font's own full name, "family style" ("DejaVu Sans Bold", "Noto Sans Regular").
    public var fullName: String
    /// Absolute path of the font file.
    public var path: String
    /// Face index inside the file (0 except in TrueType collections).
    public var faceIndex: Int
}

/// Finds font files by the names MapLibre `text-font` arrays use ("DejaVu Sans",
/// "DejaVu Sans Bold", "Noto Sans Regular"), searching directories recursively at run time.
/// Fonts are never downloaded: install Debian's `fonts-dejavu-core` / `fonts-noto-core`.
///
/// A name matches a face when, ignoring case, spaces, `-` and `_`, it equals the face's
/// "family style" or, for a Regular/Book/Roman style, the family alone ("DejaVu Sans" is
/// DejaVu Sans Book). File names are tried first (`NotoSans-Regular.ttf`); only when none
/// fits are the faces of all files opened and their names read.
public struct FontCatalog: Sendable, Hashable {
    /// Directories searched, in order (earlier wins).
    public var directories: [String]

    /// A catalog over exactly these directories.
    public init(directories: [String]) {
        self.directories = directories
    }

    /// `BORDERMAP_FONT_DIR` (colon-separated, searched first), then /usr/share/fonts,
    /// /usr/local/share/fonts, ~/.local/share/fonts and ~/.fonts.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> FontCatalog {
        var dirs: [String] = []
        if let extra = environment["BORDERMAP_FONT_DIR"] {
            dirs += extra.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        dirs += ["/usr/share/fonts", "/usr/local/share/fonts"]
        if let home = environment["HOME"], !home.isEmpty {
            dirs += [home + "/.local/share/fonts", home + "/.fonts"]
        }
        return FontCatalog(directories: dirs)
    }

    /// Every .ttf/.otf/.ttc file under the directories, each directory's files sorted by path.
    public func fontFiles() -> [String] {
        var out: [String] = []
        let fm = FileManager.default
        for dir in directories {
            guard let e = fm.enumerator(atPath: dir) else { continue }
            var found: [String] = []
            while let rel = e.nextObject() as? String {
                let lower = rel.lowercased()
                if lower.hasSuffix(".ttf") || lower.hasSuffix(".otf") || lower.hasSuffix(".ttc") {
                    found.append(dir + "/" + rel)
                }
            }
            out += found.sorted()
        }
        return out
    }

    /// The face named `name`.
    /// - Throws: `FontError.fontNotFound` naming the directories searched and some fonts that
    ///   were found; `FontError.freeType` only if a matching file cannot be opened.
    public func locate(_ name: String) throws(FontError) -> FontLocation {
        let key = FontCatalog.normalize(name)
        let files = fontFiles()
        // Pass 1: file names such as DejaVuSans-Bold.ttf or NotoSans-Regular.ttf.
        for path in files {
            let stem = FontCatalog.normalize(FontCatalog.stem(of: path))
            let fits = stem == key || FontCatalog.regularSuffixes.contains { stem == key + $0 || key == stem + $0 }
            guard fits, let face = try? FontFace(path: path), FontCatalog.matches(key, face) else { continue }
            return FontLocation(fullName: face.fullName, path: path, faceIndex: 0)
        }
        // Pass 2: open every face and compare the names it reports.
        var available: [String] = []
        for path in files {
            guard let first = try? FontFace(path: path) else { continue }
            var faces = [first]
            if path.lowercased().hasSuffix(".ttc") {
                var index = 1
                while index < 64, let f = try? FontFace(path: path, faceIndex: index) { faces.append(f); index += 1 }
            }
            for face in faces {
                if FontCatalog.matches(key, face) {
                    return FontLocation(fullName: face.fullName, path: path, faceIndex: face.faceIndex)
                }
                available.append(face.fullName)
            }
        }
        throw FontError.fontNotFound(name: name, searched: directories, available: Array(Set(available)).sorted())
    }

    static let regularSuffixes = ["regular", "book", "roman", "normal"]

    static func matches(_ key: String, _ face: FontFace) -> Bool {
        let family = normalize(face.familyName), style = normalize(face.styleName)
        if key == family + style { return true }
        guard regularSuffixes.contains(style) else { return false }
        return key == family || regularSuffixes.contains { key == family + $0 }
    }

    /// Lower-cased, without spaces, hyphens and underscores.
    static func normalize(_ s: String) -> String {
        String(s.lowercased().unicodeScalars.filter { $0 != " " && $0 != "-" && $0 != "_" })
    }

    static func stem(of path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: ".") else { return file }
        return String(file[..<dot])
    }
}
