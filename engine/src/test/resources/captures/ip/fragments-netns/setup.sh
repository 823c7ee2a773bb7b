set -e
for n in fc fr fs; do ip netns del $n 2>/dev/null || true; ip netns add $n; ip -n $n link set lo up; done
ip link add c0 type veth peer name r0
ip link add r1 type veth peer name s1
ip link set c0 netns fc; ip link set r0 netns fr; ip link set r1 netns fr; ip link set s1 netns fs
ip -n fc link set c0 mtu 9000 up; ip -n fc addr add 10.9.1.1/24 dev c0; ip -n fc addr add fd09:1::1/64 dev c0 nodad
ip -n fr link set r0 mtu 9000 up; ip -n fr addr add 10.9.1.2/24 dev r0; ip -n fr addr add fd09:1::2/64 dev r0 nodad
ip -n fr link set r1 mtu 1280 up; ip -n fr addr add 10.9.2.2/24 dev r1; ip -n fr addr add fd09:2::2/64 dev r1 nodad
ip -n fs link set s1 mtu 9000 up; ip -n fs addr add 10.9.2.1/24 dev s1; ip -n fs addr add fd09:2::1/64 dev s1 nodad
ip netns exec fr sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
ip -n fc route add 10.9.2.0/24 via 10.9.1.2
ip -n fc -6 route add fd09:2::/64 via fd09:1::2
ip -n fs route add 10.9.1.0/24 via 10.9.2.2 mtu lock 1280 advmss 8960
ip -n fs -6 route add fd09:1::/64 via fd09:2::2 mtu 1280
ip netns exec fc ping -c1 -W1 10.9.2.1 >/dev/null 2>&1 || echo "(no ping, fine)"
