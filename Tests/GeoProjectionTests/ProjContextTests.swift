import Foundation
import GeoCore
import Testing
@testable import GeoProjection

@Suite("PROJ contexts")
struct ProjContextTests {
    @Test func oneContextPerThreadReusedAndFreedAtExit() throws {
        let here = try ProjContext.current()
        #expect(try ProjContext.current() === here)

        final class Box: @unchecked Sendable {
            weak var context: ProjContext?
            var handle: OpaquePointer?
            var sameOnSecondCall = false
        }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            if let context = try? ProjContext.current() {
                box.context = context
                box.handle = context.handle
                box.sameOnSecondCall = (try? ProjContext.current()) === context
            }
            done.signal()
        }
        thread.start()
        done.wait()
        #expect(box.sameOnSecondCall)
        #expect(box.handle != nil && box.handle != here.handle)
        // The thread's key destructor releases its context once the thread has exited.
        var waited = 0
        while box.context != nil, waited < 200 {
            usleep(10_000)
            waited += 1
        }
        #expect(box.context == nil, "context of an exited thread should be freed")
    }

    @Test func transformBoundsOfAProjectedBox() throws {
        // The UTM 42N box of the Tashkent area back to lon/lat, checked against corner transforms.
        let toUTM = try Transformer(from: CRS.wgs84, to: CRS(epsg: 32642))
        let box = BoundingBox(minX: 68.5, minY: 40.5, maxX: 70.5, maxY: 42.0)
        let projected = try toUTM.transformBounds(box)
        let corners = try [Coordinate(68.5, 40.5), Coordinate(70.5, 40.5), Coordinate(70.5, 42.0),
                           Coordinate(68.5, 42.0)].map { try toUTM.transform($0) }
        #expect(projected.minX <= corners.map(\.x).min() ?? 0)
        #expect(projected.maxX >= corners.map(\.x).max() ?? 0)
        #expect(projected.minY <= corners.map(\.y).min() ?? 0)
        #expect(projected.maxY >= corners.map(\.y).max() ?? 0)
        // The bottom edge bulges south of the corners in UTM: min y comes from the edge middle.
        let middle = try toUTM.transform(Coordinate(69.0, 40.5))
        #expect(abs(projected.minY - min(middle.y, corners[0].y, corners[1].y)) < 1)
        let back = try toUTM.transformBounds(projected, direction: .inverse)
        #expect(back.contains(box))
    }
}
