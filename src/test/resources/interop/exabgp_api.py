#!/usr/bin/python3
"""ExaBGP API process for bgplet's interop harness.

ExaBGP runs this script and talks to it over stdin/stdout:
- every line ExaBGP writes to our stdin (JSON events: updates received, state changes,
  and the 'done'/'error' acks of our commands) is appended to EVENTS_FILE, flushed at once,
  so the Java test can read what ExaBGP received;
- every line a test writes into COMMAND_FIFO ('announce route ...', 'withdraw route ...',
  'neighbor X announce ...') is copied to our stdout, which ExaBGP executes.
Usage: exabgp_api.py COMMAND_FIFO EVENTS_FILE
"""
import os
import sys
import threading


def copy_events(path):
    with open(path, "a", buffering=1) as out:
        for line in sys.stdin:
            out.write(line)
            out.flush()
    # stdin closed: ExaBGP is gone, so are we.
    os._exit(0)


def main():
    fifo, events = sys.argv[1], sys.argv[2]
    threading.Thread(target=copy_events, args=(events,), daemon=True).start()
    while True:
        # Opening a FIFO for reading blocks until a writer opens it; each writer
        # session may carry many lines. Reopen after the writer closes.
        with open(fifo, "r") as commands:
            for line in commands:
                line = line.strip()
                if line:
                    sys.stdout.write(line + "\n")
                    sys.stdout.flush()


if __name__ == "__main__":
    main()
