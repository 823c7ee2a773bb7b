import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("10.9.2.1", 8080)); s.listen(1)
c, _ = s.accept()
got = b""
while len(got) < 20000:
    d = c.recv(65536)
    if not d: break
    got += d
c.sendall(bytes((i * 7) % 256 for i in range(3000)))
c.close()
