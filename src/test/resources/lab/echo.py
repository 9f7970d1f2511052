"""TCP echo for the route-install lab (RouteInstallLabIT); standard library only.

  echo.py server PORT                 echo every line back, one thread per connection
  echo.py once HOST PORT              one connection, one line; exit 0 when it comes back
  echo.py hold HOST PORT STOPFILE     one connection kept open, a line every 100 ms, until
                                      STOPFILE exists; prints connected, then prints RESULT ok=N failed=0|1 and the error
"""
import os
import socket
import socketserver
import sys
import time


class Echo(socketserver.StreamRequestHandler):
    def handle(self):
        for line in self.rfile:
            self.wfile.write(line)
            self.wfile.flush()


class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


def ping(conn, reader, n):
    conn.sendall(b"ping %d\n" % n)
    back = reader.readline()
    if back != b"ping %d\n" % n:
        raise IOError("echo %r for ping %d" % (back, n))


def main():
    mode = sys.argv[1]
    if mode == "server":
        Server(("0.0.0.0", int(sys.argv[2])), Echo).serve_forever()
    host, port = sys.argv[2], int(sys.argv[3])
    conn = socket.create_connection((host, port), timeout=5)
    reader = conn.makefile("rb")
    if mode == "once":
        ping(conn, reader, 0)
        print("ok", flush=True)
        return 0
    stop = sys.argv[4]
    print("connected", flush=True)
    n = 0
    try:
        while not os.path.exists(stop):
            ping(conn, reader, n)
            n += 1
            time.sleep(0.1)
    except Exception as e:  # any failure breaks the held connection: report it
        print("RESULT ok=%d failed=1 %s" % (n, e), flush=True)
        return 1
    print("RESULT ok=%d failed=0" % n, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
