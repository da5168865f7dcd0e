import Logging
import ServiceLifecycle
import TileCache

/// Hands the MBTiles tile cache back as one self-contained file when the server stops: on
/// graceful shutdown (SIGINT, SIGTERM) it closes the file and switches it from WAL to a
/// rollback journal (`MBTilesStore.useRollbackJournal`), as `bordermap seed` leaves its files,
/// so no `-wal`/`-shm` files remain beside it and a copy opens anywhere (read-only media, QGIS).
///
/// Listed first among the application's services, it is shut down last: after the HTTP server
/// has stopped taking requests and answered those under way. A tile render still running past
/// that point fails to store its tile (logged; the tile is rendered again next time). When the
/// file cannot be switched (another process has it open, say), a warning is logged and the file
/// stays in WAL mode: still consistent, only with its `-wal` file beside it.
struct MBTilesShutdown: Service {
    let store: MBTilesStore?
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()  // returns on graceful shutdown; throws when cancelled instead
        guard let store else { return }
        do {
            try store.close()
            try MBTilesStore.useRollbackJournal(path: store.path)
            logger.info("MBTiles cache \(store.path) closed with a rollback journal")
        } catch {
            logger.warning("MBTiles cache \(store.path) left in WAL mode: \(error)")
        }
    }
}
