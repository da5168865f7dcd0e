import Foundation
import GeoFormats
import PostgresNIO

/// Records as lines of PostgreSQL's `COPY ... FROM STDIN (FORMAT text)`: tab-separated
/// fields, `\N` for NULL, and backslash, tab, newline and carriage return escaped
/// (https://www.postgresql.org/docs/15/sql-copy.html, "Text Format").
enum PostgresCopyText {
    /// The columns of the staging table, in the order `append` writes them.
    static let columns = ["ord", "own_id", "occurred_ms", "lon", "lat", "category", "substance", "quantity_kg",
                          "agency", "border_post", "source", "properties", "source_key"]

    /// The staging table a write copies into (dropped at commit or rollback).
    static let createStagingTable = """
        CREATE TEMP TABLE bm_incoming (
            ord bigint NOT NULL, own_id text COLLATE "C", occurred_ms bigint NOT NULL,
            lon double precision, lat double precision, category text, substance text,
            quantity_kg double precision, agency text, border_post text, source text,
            properties text NOT NULL, source_key text COLLATE "C" NOT NULL
        ) ON COMMIT DROP
        """

    /// Appends `record` as one line; `ord` is its position in the call (the first of several
    /// records with one key wins).
    static func append(_ record: IncidentRecord, ord: Int, to buffer: inout ByteBuffer) {
        buffer.writeString(String(ord))
        field(record.id, &buffer)
        tab(&buffer)
        buffer.writeString(String(Int64((record.occurredAt.timeIntervalSince1970 * 1000).rounded())))
        number(record.lon, &buffer)
        number(record.lat, &buffer)
        field(record.category, &buffer)
        field(record.substance, &buffer)
        number(record.quantityKg, &buffer)
        field(record.agency, &buffer)
        field(record.borderPost, &buffer)
        field(record.source, &buffer)
        field(SQLiteRowDecoder.encode(record.properties), &buffer)
        field(record.sourceKey, &buffer)
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    private static func tab(_ buffer: inout ByteBuffer) { buffer.writeInteger(UInt8(ascii: "\t")) }

    /// A tab and a number (shortest text that reads back as the same Double), or `\N`.
    private static func number(_ value: Double?, _ buffer: inout ByteBuffer) {
        tab(&buffer)
        guard let value else { buffer.writeStaticString("\\N"); return }
        buffer.writeString(value.description)
    }

    /// A tab and a text field, escaped, or `\N`.
    private static func field(_ value: String?, _ buffer: inout ByteBuffer) {
        tab(&buffer)
        guard let value else { buffer.writeStaticString("\\N"); return }
        let utf8 = value.utf8
        if !utf8.contains(where: { $0 == 0x5C || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            buffer.writeString(value)
            return
        }
        for byte in utf8 {
            switch byte {
            case 0x5C: buffer.writeStaticString("\\\\")
            case 0x09: buffer.writeStaticString("\\t")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}
