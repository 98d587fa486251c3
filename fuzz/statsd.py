#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""fuzz/statsd.py PORT_FILE STATS_FILE LIFETIME - live statistics of afl-fuzz.

afl-fuzz rewrites fuzzer_stats only once a minute, but with AFL_STATSD set it
sends its counters every second as StatsD datagrams. This listener binds a
free UDP port on 127.0.0.1, writes the port number to PORT_FILE, and keeps
STATS_FILE holding the latest value of each counter as "name value" lines
(replaced whole each time, so a reader never sees half a file). It exits
after LIFETIME seconds, or within a second of its parent's end, so that it
never outlives the campaign.
"""
import os
import socket
import sys
import time


def main(port_file, stats_file, lifetime):
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % sock.getsockname()[1])
    os.replace(port_file + ".tmp", port_file)
    deadline = time.monotonic() + lifetime
    parent = os.getppid()
    values = {}
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or os.getppid() != parent:
            return 0
        sock.settimeout(min(left, 1.0))
        try:
            data, _ = sock.recvfrom(65535)
        except socket.timeout:
            continue
        for line in data.decode("ascii", "replace").splitlines():
            # "fuzzing.execs_done:20902|g" (tags, if any, follow a '|#')
            name, _, rest = line.partition(":")
            values[name.rsplit(".", 1)[-1]] = rest.split("|", 1)[0]
        with open(stats_file + ".tmp", "w") as f:
            for name, value in sorted(values.items()):
                f.write("%s %s\n" % (name, value))
        os.replace(stats_file + ".tmp", stats_file)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.stderr.write(__doc__)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2], float(sys.argv[3])))
