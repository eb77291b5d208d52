#!/usr/bin/env python3
"""Build pricing-data/network.csv from Skyplane's measured throughput and latency grids.

Usage (from the repo root):
    python3 pricing-data/tools/build_network.py \
        [--throughput /work/shared/data/network/throughput.csv] \
        [--latency /work/shared/data/network/latency.csv] \
        [--regions pricing-data/regions.csv] [--out pricing-data/network.csv]

Rules:
* Only PREMIUM->PREMIUM rows; the first occurrence of a (src, dst) pair wins
  (Skyplane's own planner does the same with its duplicate keys).
* bandwidth_gbps = throughput_sent (bits/s, decimal) / 1e9.
* rtt_ms = avg_rtt of the same directed pair from latency.csv (round-trip, ms);
  if that pair is missing, the reverse pair's avg_rtt is used; if both are
  missing the pair is skipped.
* Keys "cloud:region" become "cloud/region"; GCP zones lose their zone suffix
  (gcp:us-central1-a -> gcp/us-central1).
* Pairs are kept only when both ends are in regions.csv and the two ends differ.
* openai/global <-> every other location gets an assumed 1 Gbps / 80 ms row
  (verified=false).
Output is sorted and deterministic.
"""
import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PD = os.path.dirname(HERE)

TP_SOURCE = ("skyplane throughput.csv (iperf3; 64 streams; 5 s; m5.8xlarge/n2-standard-32/D32_v5; "
             "measured 2022-01-29) + latency.csv (ping -c 10 avg_rtt; committed 2022-04-16); "
             "/work/shared/data/network (Apache-2.0)")
TP_AS_OF = "2022-04-16"  # later of the two measurement dates (throughput 2022-01-29; latency 2022-04-16)
OPENAI_SOURCE = "assumption: public API over internet"
OPENAI_AS_OF = "2026-11-01"


def loc(key):
    cloud, region = key.split(":", 1)
    if cloud == "gcp":
        region = re.sub(r"-[a-z]$", "", region)
    return f"{cloud}/{region}"


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--throughput", default="/work/shared/data/network/throughput.csv")
    ap.add_argument("--latency", default="/work/shared/data/network/latency.csv")
    ap.add_argument("--regions", default=os.path.join(PD, "regions.csv"))
    ap.add_argument("--out", default=os.path.join(PD, "network.csv"))
    a = ap.parse_args(argv)

    with open(a.regions, newline="", encoding="utf-8") as f:
        known = {r["location"] for r in csv.DictReader(f)}

    rtt = {}
    with open(a.latency, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["src_tier"] != "PREMIUM" or r["dst_tier"] != "PREMIUM" or not r["avg_rtt"]:
                continue
            k = (loc(r["src_region"]), loc(r["dst_region"]))
            rtt.setdefault(k, float(r["avg_rtt"]))

    bw = {}
    with open(a.throughput, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["src_tier"] != "PREMIUM" or r["dst_tier"] != "PREMIUM":
                continue
            k = (loc(r["src_region"]), loc(r["dst_region"]))
            bw.setdefault(k, float(r["throughput_sent"]) / 1e9)

    rows, skipped = [], 0
    for (s, d), g in sorted(bw.items()):
        if s == d or s not in known or d not in known:
            continue
        r = rtt.get((s, d), rtt.get((d, s)))
        if r is None:
            skipped += 1
            continue
        rows.append([s, d, f"{g:.3f}", f"{r:.3f}", TP_SOURCE, TP_AS_OF, "true"])

    others = sorted(x for x in known if x != "openai/global")
    if "openai/global" in known:
        for o in others:
            rows.append([o, "openai/global", "1", "80", OPENAI_SOURCE, OPENAI_AS_OF, "false"])
            rows.append(["openai/global", o, "1", "80", OPENAI_SOURCE, OPENAI_AS_OF, "false"])

    with open(a.out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "bandwidth_gbps", "rtt_ms", "source", "as_of", "verified"])
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {a.out} ({skipped} measured pairs skipped: no RTT either direction)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
