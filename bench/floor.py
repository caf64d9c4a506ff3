#!/usr/bin/env python3
"""The floor: the least work any generator must do for the benchmark site.

    bench/floor.py ROOT SIZES OUT

reads every input file under ROOT/content and ROOT/themes, runs cmark over the
Markdown bodies of every results/<unit>.md (one cmark process per evaluation,
bodies fed through a pipe, so process start-up does not dominate), and writes
the files listed in SIZES (lines "size<TAB>relative path", taken from jixiao's
output) under OUT with those sizes.  bench/run times this with /usr/bin/time.
"""
import os
import subprocess
import sys


def main():
    root, sizes, out = sys.argv[1:4]
    bodies = {}
    total_in = 0
    for top in ("content", "themes"):
        for d, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                p = os.path.join(d, name)
                with open(p, "rb") as f:
                    data = f.read()
                total_in += len(data)
                if name.endswith(".md") and os.path.basename(d) == "results":
                    if data.startswith(b"---\n"):
                        end = data.find(b"\n---\n", 4)
                        data = data[end + 5:] if end >= 0 else data
                    bodies.setdefault(os.path.dirname(d), []).append(data)
    html = 0
    for ev in sorted(bodies):
        r = subprocess.run(["cmark"], input=b"\n\n".join(bodies[ev]), stdout=subprocess.PIPE, check=True)
        html += len(r.stdout)
    made = set()
    n = 0
    with open(sizes, encoding="utf-8") as f:
        for line in f:
            size, rel = line.rstrip("\n").split("\t", 1)
            p = os.path.join(out, rel)
            d = os.path.dirname(p)
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            with open(p, "wb") as g:
                g.write(b"x" * int(size))
            n += 1
    print(f"floor: read {total_in} bytes, cmark {html} bytes of HTML, wrote {n} files", file=sys.stderr)


if __name__ == "__main__":
    main()
