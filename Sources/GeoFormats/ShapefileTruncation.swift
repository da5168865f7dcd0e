/// How far a shapefile falls short of what its headers declare: the `.shp` (or `.shx`) file is
/// shorter than the length its 100-byte header states (bytes 24–27, in 16-bit words; ESRI
/// Shapefile Technical Description, 1998), or records the `.shx` lists run past the end of the
/// `.shp`. A copy cut off in transfer looks like this: its headers still promise every record.
public struct ShapefileTruncation: Sendable, Hashable {
    /// Records the index lists (from the `.shx`, or rebuilt from the `.shp`).
    public var listedRecords: Int
    /// Records of those that lie wholly inside the `.shp` (the readable ones).
    public var completeRecords: Int
    /// Each shortfall in words, naming the file, its size and what its header declares; empty
    /// when the files are as long as their headers say.
    public var problems: [String]

    /// True when any file is shorter than declared or a record lies past the end of the `.shp`.
    public var isTruncated: Bool { !problems.isEmpty }

    /// Compares the files' sizes with their headers, and the last records of the index with the
    /// `.shp` size (scanning back from the last record until one is complete, so the cost is in
    /// proportion to the missing records).
    /// Never throws: an index entry that cannot be read (reading that record will say why)
    /// ends the scan.
    static func check(shp: ByteSource, header: ShapefileHeader, shx: ByteSource?, index: ShapefileIndex) -> ShapefileTruncation {
        var problems: [String] = []
        let shpName = shp.name.map { "\($0)" } ?? "the .shp"
        if shp.size < header.fileLength {
            problems.append("\(shpName) is \(shp.size) bytes but its header declares \(header.fileLength): "
                + "the file is shorter than its header declares (cut off in copying?)")
        }
        if let shx, let bytes = try? shx.read(at: 0, count: ShapefileHeader.size),
           let shxHeader = try? ShapefileHeader(bytes: bytes, file: shx.name) {
            if shx.size < shxHeader.fileLength {
                let shxName = shx.name ?? "the .shx"
                let declared = (shxHeader.fileLength - ShapefileHeader.size) / 8
                problems.append("\(shxName) is \(shx.size) bytes but its header declares \(shxHeader.fileLength) "
                    + "(\(declared) records): the file is shorter than its header declares, so it lists only \(index.count)")
            }
        }
        var missing = 0
        var i = index.count - 1
        while i >= 0 {
            guard let (offset, length) = try? index.entry(i) else { break }
            let complete = (offset == 0 && length == 0) || (offset >= ShapefileHeader.size && offset + 8 + length <= shp.size)
            if complete { break }
            missing += 1
            i -= 1
        }
        if missing > 0 {
            problems.append("\(missing) of the \(index.count) records the index lists lie past the end of \(shpName); "
                + "only the first \(index.count - missing) can be read")
        }
        return ShapefileTruncation(listedRecords: index.count, completeRecords: index.count - missing, problems: problems)
    }
}
