"""The Mapnik-per-request peer of Benchmarks/serve.sh: a small threaded HTTP server that renders
every tile it is asked for with Debian's python3-mapnik, 256 px, one Map per render (no metatiles,
no cache), encoded as png32 like compare-mapnik. The maps are loaded once at start, one per
concurrent request (a queue of MAPS maps: a request takes one, renders, puts it back), so loading
the XML is never timed. Mapnik's render releases the GIL, so MAPS requests render in parallel.

usage: serve_mapnik.py MAPNIK_XML PORT MAPS
Prints "ready PORT" on stdout once listening; serves GET /tiles/STYLE/Z/X/Y.png until killed.
"""
import queue
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import mapnik

from compare_mapnik import bounds  # same Web Mercator tile extents as compare-mapnik

TILE = re.compile(r"^/tiles/[^/]+/(\d+)/(\d+)/(\d+)\.png$")


def make_handler(maps):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the load client and our server use

        def do_GET(self):
            m = TILE.match(self.path)
            z, x, y = (int(v) for v in m.groups()) if m else (0, -1, -1)
            if not m or not (0 <= x < 2 ** z and 0 <= y < 2 ** z):
                return self.answer(404, b"not a tile\n", "text/plain")
            tile_map = maps.get()
            try:
                tile_map.zoom_to_box(mapnik.Box2d(*bounds(z, x, y)))
                image = mapnik.Image(256, 256)
                mapnik.render(tile_map, image)
            finally:
                maps.put(tile_map)
            self.answer(200, image.tostring("png32"), "image/png")

        def answer(self, status, body, content_type):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):  # no per-request logging, as our server
            pass

    return Handler


def main():
    xml, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    maps = queue.Queue()
    for _ in range(count):
        tile_map = mapnik.Map(256, 256)
        mapnik.load_map(tile_map, xml)
        maps.put(tile_map)
    ThreadingHTTPServer.request_queue_size = 128  # the default backlog of 5 drops SYNs of a burst of connections
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(maps))
    server.daemon_threads = True
    print(f"ready {server.server_address[1]}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
