set -e
cd "$(dirname "$0")"
ip netns exec fs tcpdump -U -i s1 -w ../fragments-netns.pcap -s 0 'ip or ip6' 2>tcpdump.err & TD=$!
sleep 1
ip netns exec fs python3 server.py & SV=$!
sleep 0.3
ip netns exec fc python3 client.py
wait $SV
ip netns exec fs python3 udp.py 10.9.1.1 3000
ip netns exec fs python3 udp.py fd09:1::1 3000
ip netns exec fc python3 udp.py 10.9.2.1 4000
sleep 0.5
kill $TD; wait $TD || true
cat tcpdump.err
