# cpyext: Debian's _ssl extension under pyrs (it reads sockets through pyrs's _socket.CAPI
# capsule): contexts, a TLS echo over a loopback socket and over a socketpair with a
# self-signed certificate from Lib/test, non-blocking handshakes through MemoryBIO, errors.
import os
import socket
import ssl
import threading

import _socket
import _ssl

CERT = "/usr/lib/python3.11/test/keycert.pem"  # CN=localhost, key and cert in one file
print(os.path.basename(_ssl.__file__).split(".")[0], type(_socket.CAPI).__name__)

ctx = ssl.create_default_context()
print(ctx.protocol.name, ctx.verify_mode.name, ctx.check_hostname)
print(ctx.minimum_version.name, ssl.HAS_TLSv1_3, ssl.OPENSSL_VERSION.split()[0])

server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
server_ctx.load_cert_chain(CERT)
client_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
client_ctx.load_verify_locations(CERT)
print(client_ctx.verify_mode.name, len(client_ctx.get_ca_certs()))


server_errors = []


def serve(listener, n):
    for _ in range(n):
        conn, _ = listener.accept()
        try:
            with server_ctx.wrap_socket(conn, server_side=True) as tls:
                while True:
                    data = tls.recv(1024)
                    if not data:
                        break
                    tls.sendall(data.upper())
        except ssl.SSLError as e:
            server_errors.append((type(e).__name__, e.reason))
            conn.close()


listener = socket.create_server(("127.0.0.1", 0))
port = listener.getsockname()[1]
t = threading.Thread(target=serve, args=(listener, 2))
t.start()

with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
    with client_ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        print(tls.version() in ("TLSv1.2", "TLSv1.3"), tls.server_hostname)
        cert = tls.getpeercert()
        print(dict(x[0] for x in cert["subject"])["commonName"], cert["subjectAltName"])
        for msg in (b"hello", b"tls echo " * 100, b"x"):
            tls.sendall(msg)
            got = b""
            while len(got) < len(msg):
                got += tls.recv(4096)
            print(len(got), got[:20])
        print(tls.gettimeout(), tls.pending(), tls.cipher()[1] in ("TLSv1.2", "TLSv1.3"))

# hostname mismatch is a verification error
with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
    try:
        client_ctx.wrap_socket(raw, server_hostname="example.org")
    except ssl.SSLCertVerificationError as e:
        print(type(e).__name__, e.verify_code, e.verify_message)
t.join()
listener.close()
print(server_errors)

# the same over a socketpair, with the server in a thread and blocking sockets
a, b = socket.socketpair()


def pair_server():
    with server_ctx.wrap_socket(b, server_side=True) as tls:
        tls.sendall(tls.recv(100)[::-1])


t = threading.Thread(target=pair_server)
t.start()
with client_ctx.wrap_socket(a, server_hostname="localhost") as tls:
    tls.sendall(b"socketpair")
    print(tls.recv(100))
t.join()

# MemoryBIO: a handshake driven by hand, no sockets
cin, cout, sin, sout = ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO(), ssl.MemoryBIO()
cobj = client_ctx.wrap_bio(cin, cout, server_hostname="localhost")
sobj = server_ctx.wrap_bio(sin, sout, server_side=True)
done = [False, False]
for _ in range(10):
    for i, (obj, inp, out, peer_in) in enumerate(((cobj, cin, cout, sin), (sobj, sin, sout, cin))):
        if not done[i]:
            try:
                obj.do_handshake()
                done[i] = True
            except ssl.SSLWantReadError:
                pass
        peer_in.write(out.read())
    if all(done):
        break
print(done, cobj.version() == sobj.version())
cobj.write(b"over bio")
sin.write(cout.read())
print(sobj.read(100))

# errors
try:
    ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain("/nonexistent.pem")
except OSError as e:
    print(type(e).__name__, e.errno)
try:
    client_ctx.wrap_socket(socket.socket(socket.AF_INET, socket.SOCK_DGRAM))
except NotImplementedError as e:
    print(type(e).__name__, e)
s = client_ctx.wrap_socket(socket.socket(), server_hostname="localhost")
try:
    s.send(b"x")
except OSError as e:
    print(type(e).__name__)
s.close()
print(issubclass(ssl.SSLError, OSError), ssl.SSLZeroReturnError.__mro__[1].__name__)

# HTTPS: http.server behind TLS, fetched with http.client and urllib.request
import http.client
import http.server
import urllib.request


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = ("path=" + self.path).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


httpd = http.server.HTTPServer(("127.0.0.1", 0), Handler)
httpd.socket = server_ctx.wrap_socket(httpd.socket, server_side=True)
t = threading.Thread(target=httpd.serve_forever)
t.start()
hport = httpd.server_address[1]
conn = http.client.HTTPSConnection("localhost", hport, context=client_ctx, timeout=10)
conn.request("GET", "/a?b=1")
r = conn.getresponse()
print(r.status, r.reason, r.read())
conn.close()
with urllib.request.urlopen(f"https://localhost:{hport}/url", context=client_ctx, timeout=10) as f:
    print(f.status, f.read())
httpd.shutdown()
t.join()
httpd.server_close()
