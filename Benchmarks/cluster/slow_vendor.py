"""An SPP-shaped vendor for `cluster/run`'s recovery figure: every customer exists, each ticket takes DELAY
seconds to answer, and each message is logged with the time it arrived, one line per message on stdout."""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

port, delay = int(sys.argv[1]), float(sys.argv[2])
next_id = [1000]


class Vendor(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if not self.path.startswith("/api/clients"):
            # Reconciliation after a crash: no ticket or message of an earlier attempt is found.
            return self.answer(200, {"data": []})
        query = parse_qs(urlparse(self.path).query)
        email = query.get("filters[email][$eq]", [""])[0]
        self.answer(200, {"data": [{"id": 7, "email": email}]})

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        next_id[0] += 1
        if self.path.startswith("/api/tickets"):
            time.sleep(delay)
        if self.path.startswith("/api/ticket_messages"):
            print(f"{time.time():.3f} message", flush=True)
        self.answer(201, {"id": next_id[0]})

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", port), Vendor).serve_forever()
