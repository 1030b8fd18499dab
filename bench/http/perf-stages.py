"""Microseconds of CPU per request and stage from `perf script -F comm,tid,ip,sym` of an articlequality server.

Usage: perf-stages.py PERF_SCRIPT_OUTPUT REQUESTS [HZ, default 999]. A sample counts for the first stage found walking
its stack from the leaf: AngleSharp's tree construction, then the LiftWing method it is in; samples with no managed
frame are put under their thread (GC threads, thread-pool spinning)."""
import collections
import re
import sys


def stage(frames, comm):
    for f in frames:
        if re.search(r"HtmlDomBuilder|HtmlTokenizer|HtmlParser::", f):
            return "AngleSharp HTML5 parse"
        m = re.search(r"\[(LiftWing\.[A-Za-z]+)\] (\S+)", f)
        if m:
            assembly, method = m.group(1), m.group(2)
            if "JsonTextValidator" in method:
                return "body string check"
            if "ParseJson" in method:
                return "body JsonDocument.Parse"
            if "ReadCoreAsync" in method:
                return "body read (pipe copy)"
            if "HtmlShapeScanner" in method or "CheckHtmlShape" in method:
                return "shape pre-scan"
            if "ArticleQualityRequestParser" in method:
                return "html decode"
            if assembly == "LiftWing.Wiki" or "FillFeaturesAsync" in method:
                return "feature walks"
            return "other request work"
        if "[Microsoft.AspNetCore" in f:
            return "other request work"
    if "GC" in comm:
        return f"GC thread ({comm})"
    if "TP Worker" in comm:
        return "thread pool, no managed frame (waits, spins)"
    return f"other thread ({comm})"


def main():
    path, requests = sys.argv[1], int(sys.argv[2])
    hz = float(sys.argv[3]) if len(sys.argv) > 3 else 999.0
    counts = collections.Counter()
    frames, comm = [], None

    def flush():
        if frames:
            counts[stage(frames, comm)] += 1

    for line in open(path, errors="replace"):
        if not line.strip():
            flush()
            frames.clear()
        elif not line.startswith((" ", "\t")):
            flush()
            frames.clear()
            m = re.match(r"\s*(.*?)\s+(\d+)\s*$", line.rstrip())
            comm = m.group(1) if m else line.strip()
        else:
            frames.append(line.strip())
    flush()
    total = sum(counts.values())
    print(f"{total / hz / requests * 1e6:.0f} us of CPU per request ({total} samples, {requests} requests)")
    for name, n in counts.most_common():
        print(f"{name:48s} {n / hz / requests * 1e6:7.0f} us")


main()
