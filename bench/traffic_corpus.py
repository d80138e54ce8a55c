"""Generate the labelled traffic corpus: requests shaped like what mobile SDKs send, from a seed.

Writes ``bench/traffic_corpus/corpus.jsonl`` (one request per line: method,
URL, headers, base64 body, the SDK shape it imitates, and ``labels``: the PI
types of the test phone the request really carries) and
``bench/traffic_corpus/device-profile.yaml`` (that phone). The labels come
from what the generator put in, never from piflow's detector.

Shapes: analytics batches, ad requests, push registration, crash reports,
location and Wi-Fi updates, login, contact and app-list uploads, ID checks
(umeng, jpush, getui, bugly, baidu, amap, tencent gdt/beacon,
bytedance/pangle, xiaomi push, firebase, admob, appsflyer, first-party APIs).
Identifiers go under each vendor's own kind of key (``mc``, ``idmd5``,
``muid``, ``rdid``, short obfuscated keys as well as ``imei``) and in the
encodings SDKs use (raw, MD5/SHA-1/SHA-256 either case, base64 envelopes,
gzip/brotli bodies, form, multipart, headers, cookies). About half the
requests carry no PI at all and are full of lookalikes: 10/13/16-digit
timestamps, snowflake and order ids, request/trace UUIDs, signatures and
hashes of non-PI values, version strings, build fingerprints, stack traces.
Encrypted payloads that carry PI are labelled and flagged ``encrypted``:
no detector can see into them, and the bench reports them apart.

Usage: python bench/traffic_corpus.py [--seed N] [--count N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.traffic_corpus_base import OUT, Req, make_device, profile_yaml
from bench.traffic_negatives import NEG_SHAPES
from bench.traffic_shapes import PI_SHAPES


def generate(seed: int, scale: float = 1.0) -> tuple[dict[str, Any], list[Req]]:
    """The phone and the requests (PI-free ones included), shuffled deterministically."""
    rng = random.Random(seed)
    dev = make_device(rng)
    reqs = []
    for shapes in (PI_SHAPES, NEG_SHAPES):
        for fn, n in shapes:
            for _ in range(max(1, round(n * scale))):
                r = fn(rng, dev)
                if (
                    not r.labels and shapes is PI_SHAPES
                ):  # the random draw put no PI in: keep it as a negative
                    r.kind += " (no PI drawn)"
                reqs.append(r)
    rng.shuffle(reqs)
    return dev, reqs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--scale", type=float, default=1.0, help="Multiply the number of requests of each shape.")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    dev, reqs = generate(args.seed, args.scale)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "device-profile.yaml").write_text(profile_yaml(dev), encoding="utf-8")
    with (args.out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(
            json.dumps({"seed": args.seed, "scale": args.scale, "generator": "bench/traffic_corpus.py"})
            + "\n"
        )
        for n, r in enumerate(reqs):
            fh.write(json.dumps(r.to_dict(n), ensure_ascii=False, sort_keys=True) + "\n")
    with_pi = sum(1 for r in reqs if r.labels)
    print(f"{len(reqs)} requests ({with_pi} with PI, {len(reqs) - with_pi} without) -> {args.out}")


if __name__ == "__main__":
    main()
