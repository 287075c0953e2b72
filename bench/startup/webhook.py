# A webhook endpoint on 127.0.0.1 that answers 200 at once (the start-up benchmark's "instant" service).
# Prints its port on the first line, then serves until killed.
import http.server, sys

class Instant(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Instant)
print(server.server_address[1], flush=True)
server.serve_forever()
