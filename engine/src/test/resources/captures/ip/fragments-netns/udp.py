import socket, sys
fam = socket.AF_INET6 if ":" in sys.argv[1] else socket.AF_INET
u = socket.socket(fam, socket.SOCK_DGRAM)
if fam == socket.AF_INET: u.setsockopt(socket.IPPROTO_IP, 10, 0)
else: u.setsockopt(socket.IPPROTO_IPV6, 23, 0)   # IPV6_MTU_DISCOVER = DONT: fragment at the source
u.sendto(bytes((i * 13) % 256 for i in range(int(sys.argv[2]))), (sys.argv[1], 9999))
