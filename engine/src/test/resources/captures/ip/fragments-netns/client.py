import socket, time
s = socket.socket()
s.setsockopt(socket.IPPROTO_IP, 10, 0)   # IP_MTU_DISCOVER = IP_PMTUDISC_DONT: DF clear, so the router fragments
s.connect(("10.9.2.1", 8080))
data = bytes(i % 251 for i in range(20000))
for i in range(0, len(data), 5000):
    s.sendall(data[i:i + 5000]); time.sleep(0.05)
r = b""
while True:
    d = s.recv(65536)
    if not d: break
    r += d
s.close()
print("client got", len(r))
