import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing
@testable import TileServer

/// `POST /incidents` reports rows repeated within the body and takes `?id_column=`, as
/// `bordermap import` does; the stored rows are counted with the sqlite3 shell.
@Suite struct IncidentUploadRepeatTests {
    static let headers: HTTPFields = [.authorization: "Bearer \(ServerFixture.writeToken)", .contentType: "text/csv"]

    @Test func identicalRowsOfOneUploadAreListedAsRepeats() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let csv = "date,lat,lon,category\n2025-05-05,41.3,69.2,seizure\n2025-05-06,41.4,69.3,detention\n2025-05-05,41.3,69.2,seizure\n"
        try await fixture.withRouter { client in
            let r = try await client.execute(uri: "/incidents", method: .post, headers: Self.headers, body: ByteBuffer(string: csv))
            #expect(r.status == .created, "\(r.text)")
            let doc = try r.json()
            #expect(doc["received"] as? Int == 3 && doc["stored"] as? Int == 2 && doc["repeated"] as? Int == 1, "\(r.text)")
            let repeats = doc["repeats"] as? [[String: Any]] ?? []
            #expect(repeats.count == 1 && repeats.first?["row"] as? Int == 4 && repeats.first?["repeats_row"] as? Int == 2, "\(r.text)")
        }
        let path = fixture.directory.appendingPathComponent("incidents.sqlite").path
        #expect(try await Tool.runOffPool(["sqlite3", path, "SELECT count(*) FROM incidents"]).output.trimmingCharacters(in: .whitespacesAndNewlines) == "2")
    }

    @Test func anIDColumnKeysAReformattedUploadAsTheSameIncidents() async throws {
        let fixture = try await ServerFixture(incidents: 0)
        let first = "case_no,date,lat,lon,category\nB7,2025-05-05,41.3,69.2,seizure\nB8,2025-05-06,41.4,69.3,detention\n"
        let second = "category;date;lat;lon;case_no\nseizure;05.05.2025;41,30;69,20;B7\ndetention;06.05.2025;41,40;69,30;B8\n"
        try await fixture.withRouter { client in
            let a = try await client.execute(uri: "/incidents?id_column=case_no", method: .post, headers: Self.headers, body: ByteBuffer(string: first))
            #expect(try a.json()["stored"] as? Int == 2, "\(a.text)")
            let b = try await client.execute(uri: "/incidents?id_column=case_no", method: .post, headers: Self.headers, body: ByteBuffer(string: second))
            let doc = try b.json()
            #expect(doc["stored"] as? Int == 0 && doc["duplicates"] as? Int == 2, "\(b.text)")
            let missing = try await client.execute(uri: "/incidents?id_column=nope", method: .post, headers: Self.headers, body: ByteBuffer(string: first))
            #expect(missing.status == .unprocessableContent, "\(missing.text)")
        }
    }
}
