#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples: per thread, top (self) frames, and inclusive
bgplet/netty frames. Usage: bench/jfr-top.py bench/target/logs/.../bgplet.jfr [N]"""
import collections, os, re, subprocess, sys

jfr = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64") + "/bin/jfr"
path = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 20
text = subprocess.run([jfr, "print", "--events", "jdk.ExecutionSample", "--stack-depth", "64", path],
                      capture_output=True, text=True, check=True).stdout
threads, top, inclusive = collections.Counter(), collections.Counter(), collections.Counter()
samples = text.split("jdk.ExecutionSample")[1:]
for s in samples:
    m = re.search(r'sampledThread = "([^"]+)"', s)
    threads[m.group(1) if m else "?"] += 1
    frames = re.findall(r"^\s+([\w.$<>]+)\(", s, re.M)
    if frames:
        top[frames[0]] += 1
    for f in set(frames):
        if f.startswith("io.bgplet") or f.startswith("io.netty"):
            inclusive[f] += 1
total = len(samples)
print(f"{total} CPU samples")
print("threads:", ", ".join(f"{t} {c * 100 // max(total, 1)}%" for t, c in threads.most_common(6)))
print("\nself (top frame):")
for f, c in top.most_common(n):
    print(f"  {c * 100.0 / total:5.1f}%  {f}")
print("\ninclusive (bgplet and netty frames):")
for f, c in inclusive.most_common(n):
    print(f"  {c * 100.0 / total:5.1f}%  {f}")
