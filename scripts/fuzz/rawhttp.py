"""A small HTTP/1.1 client over a plain socket, so the fuzzer can send anything (CR/LF in values, invalid UTF-8,
oversized heads, broken request lines) and read whatever comes back, on keep-alive connections."""
import socket


class Response:
    __slots__ = ("status", "headers", "body")

    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())


class ConnectionClosed(Exception):
    """The server closed the connection before a whole response arrived."""


class Connection:
    def __init__(self, host, port, timeout=30.0):
        self.address = (host, port)
        self.timeout = timeout
        self.sock = None
        self.buffer = b""

    def close(self):
        if self.sock is not None:
            try:
                self.sock.close()
            except OSError:
                pass
        self.sock = None
        self.buffer = b""

    def _connect(self):
        if self.sock is None:
            self.sock = socket.create_connection(self.address, timeout=self.timeout)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""

    def request(self, method, target, headers=(), body=b""):
        """Sends one request and returns its Response; reconnects once if a kept-alive connection went stale."""
        if isinstance(body, str):
            body = body.encode()
        head = [f"{method} {target} HTTP/1.1".encode("utf-8", "surrogateescape"), b"Host: 127.0.0.1"]
        for name, value in headers:
            head.append(_bytes(name) + b": " + _bytes(value))
        if body or method in ("POST", "PUT", "PATCH"):
            head.append(b"Content-Length: " + str(len(body)).encode())
        data = b"\r\n".join(head) + b"\r\n\r\n" + body
        fresh = self.sock is None
        try:
            return self.send_raw(data, method)
        except (ConnectionClosed, ConnectionResetError, BrokenPipeError) as error:
            if fresh:
                raise
            self.close()
            return self.send_raw(data, method)

    def send_raw(self, data, method="GET"):
        """Sends bytes as they are and reads one response."""
        self._connect()
        try:
            self.sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            # The server may have answered and closed already (e.g. a head over the parser's limit).
            pass
        try:
            response = self._read_response(method)
        except (ConnectionClosed, ConnectionResetError, socket.timeout, OSError):
            self.close()
            raise ConnectionClosed()
        if (response.header("connection") or "").lower() == "close":
            self.close()
        return response

    def _fill(self):
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionClosed()
        self.buffer += chunk

    def _read_response(self, method):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = head.split(b"\r\n")
        parts = lines[0].split(b" ", 2)
        status = int(parts[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return Response(status, headers, b"")
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(self.buffer) < length:
                self._fill()
            body, self.buffer = self.buffer[:length], self.buffer[length:]
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            body = self._read_chunked()
        else:
            try:
                while True:
                    self._fill()
            except ConnectionClosed:
                pass
            body, self.buffer = self.buffer, b""
            self.close()
        return Response(status, headers, body)

    def _read_chunked(self):
        body = b""
        while True:
            while b"\r\n" not in self.buffer:
                self._fill()
            size_line, self.buffer = self.buffer.split(b"\r\n", 1)
            size = int(size_line.split(b";")[0], 16)
            while len(self.buffer) < size + 2:
                self._fill()
            body += self.buffer[:size]
            self.buffer = self.buffer[size + 2 :]
            if size == 0:
                return body


def _bytes(value):
    return value if isinstance(value, bytes) else str(value).encode("utf-8", "surrogateescape")
