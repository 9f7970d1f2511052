# Run inside the router's namespace by ReferenceLabIT: for SECONDS, reads every IPv4 packet
# (AF_PACKET, no libpcap or scapy needed) and prints "source ttl" once per distinct pair for
# TCP segments sent to DEST port 179, i.e. what the BGP speakers put in their IP TTL.
import socket, struct, sys, time

dest, seconds = socket.inet_aton(sys.argv[1]), float(sys.argv[2])
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0800))
s.settimeout(0.5)
seen = set()
end = time.monotonic() + seconds
while time.monotonic() < end:
    try:
        frame, addr = s.recvfrom(65535)
    except socket.timeout:
        continue
    if addr[2] == socket.PACKET_OUTGOING:
        continue
    ip = frame[14:]
    if len(ip) < 24 or ip[0] >> 4 != 4 or ip[9] != 6 or ip[16:20] != dest:
        continue
    ihl = (ip[0] & 0x0F) * 4
    if struct.unpack("!H", ip[ihl + 2:ihl + 4])[0] != 179:
        continue
    pair = (socket.inet_ntoa(ip[12:16]), ip[8])
    if pair not in seen:
        seen.add(pair)
        print(pair[0], pair[1], flush=True)
