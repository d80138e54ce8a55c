"""Requests without PI for the traffic corpus, full of lookalikes: timestamps, ids, hashes, traces.

Each shape is a function ``(rng, device) -> Req`` whose request carries no PI
of the test phone (its labels stay empty). Used by
``bench/traffic_corpus.py``.
"""

from __future__ import annotations

import base64
import hashlib
import random
from collections.abc import Callable
from typing import Any
from urllib.parse import quote, urlencode

from bench.traffic_corpus_base import (
    Req,
    app_info,
    body_json,
    dev_info,
    digits,
    hexstr,
    reqid,
    snowflake,
    ts10,
    ts13,
)

# ---------------------------------------------------------------------------
# Requests without PI, full of lookalikes
# ---------------------------------------------------------------------------


def neg_config(rng: random.Random, d: dict[str, Any]) -> Req:
    q = {
        "appkey": hexstr(rng, 24),
        "ver": app_info(rng)["ver"],
        "ts": ts10(rng),
        "sign": hashlib.sha1(hexstr(rng, 8).encode()).hexdigest(),
        "nonce": digits(rng, 11),
        "build": "SP1A.210812.003",
    }
    return Req(
        rng.choice(["umeng", "getui", "first-party"]),
        "config fetch",
        "GET",
        "https://cfg.example-cdn.cn/v2/config?" + urlencode(q),
    )


def neg_events(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        rng.choice(["umeng", "firebase", "baidu"]),
        "analytics (anonymous)",
        "POST",
        "https://log.example-stat.cn/v1/events",
    )
    obj = {
        "session": reqid(rng),
        "events": [
            {
                "n": rng.choice(["view", "tap", "scroll"]),
                "t": int(ts13(rng)),
                "item_id": snowflake(rng),
                "dur_us": int(ts13(rng)) * 1000 % 10**16,
                "page": f"/p/{rng.randint(1, 999)}",
            }
            for _ in range(rng.randint(2, 30))
        ],
        "app": app_info(rng),
        "dev": {k: v for k, v in dev_info(rng).items() if k != "fp"},
    }
    body_json(rng, r, obj)
    return r


def neg_ad(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        rng.choice(["pangle", "tencent-gdt", "admob"]),
        "ad request (no ids)",
        "POST",
        "https://ads.example-adx.cn/api/ad/get",
    )
    obj = {
        "request_id": reqid(rng),
        "trace_id": hexstr(rng, 32),
        "slot": {"id": digits(rng, 9), "w": 640, "h": 100},
        "creative_ids": [digits(rng, 15) for _ in range(rng.randint(1, 4))],
        "bid_floor": round(rng.uniform(0.1, 9), 2),
        "ts": int(ts13(rng)),
        "app": app_info(rng),
        "device": {"os": "android", "osv": "12", "model": "V2118A"},
    }
    body_json(rng, r, obj, "plain gzip")
    return r


def neg_crash(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("bugly", "crash report (no ids)", "POST", "https://android.bugly.qq.com/rqd/async")
    frames = [
        f"#{i:02d} pc {rng.randrange(16**8):08x}  /data/app/~~{hexstr(rng, 22)}==/lib/arm64/libapp.so"
        f" (Java_x+{rng.randint(8, 4000)})"
        for i in range(rng.randint(3, 25))
    ]
    obj = {
        "signal": 11,
        "addr": f"0x{rng.randrange(16**12):012x}",
        "frames": frames,
        "tid": rng.randint(1000, 32000),
        "uptime_ms": rng.randint(10**3, 10**9),
        "time": int(ts13(rng)),
        "build": dev_info(rng)["fp"],
        "crash_id": reqid(rng),
    }
    body_json(rng, r, obj, "gzip plain")
    return r


def neg_httpdns(rng: random.Random, d: dict[str, Any]) -> Req:
    host = rng.choice(["api.example-shop.cn", "img.example-cdn.cn", "log.example-stat.cn"])
    return Req(
        "first-party", "httpdns", "GET", f"https://203.107.1.1/{digits(rng, 6)}/d?host={host}&t={ts10(rng)}"
    )


def neg_image(rng: random.Random, d: dict[str, Any]) -> Req:
    return Req(
        "first-party",
        "image",
        "GET",
        f"https://img.example-cdn.cn/{hexstr(rng, 2)}/{hexstr(rng, 32)}"
        f".jpg?x-oss-process=image/resize,w_{rng.choice([200, 480, 720])}"
        f"&v={ts10(rng)}",
    )


def neg_order(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "order query", "POST", "https://trade.example-shop.cn/api/order/detail")
    obj = {
        "order_no": "20" + digits(rng, 16),
        "trade_no": snowflake(rng),
        "amount": rng.randint(100, 999999),
        "coupon": digits(rng, 12),
        "sku_ids": [digits(rng, rng.choice([10, 12, 15])) for _ in range(rng.randint(1, 5))],
        "ts": ts13(rng),
        "sign": hashlib.md5(hexstr(rng, 16).encode()).hexdigest().upper(),
    }
    body_json(rng, r, obj, "plain")
    return r


def neg_heartbeat(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        rng.choice(["jpush", "getui", "xiaomi-push"]),
        "push heartbeat",
        "POST",
        "https://tcp.example-push.cn/hb",
    )
    r.headers.append(("content-type", "application/x-www-form-urlencoded"))
    r.body = urlencode(
        {
            "seq": rng.randint(1, 10**6),
            "ts": ts13(rng),
            "token": base64.b64encode(rng.randbytes(32)).decode(),
            "ver": "4.8.5",
            "uptime": rng.randint(1, 10**7),
        }
    ).encode()
    return r


def neg_abtest(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "a/b config", "POST", "https://abtest.example-shop.cn/v1/exp")
    obj = {
        "bucket": hashlib.sha256(hexstr(rng, 12).encode()).hexdigest(),
        "exp_ids": [rng.randint(10**5, 10**7) for _ in range(5)],
        "layer": rng.randint(1, 9),
        "version": f"{rng.randint(1, 9)}.{rng.randint(0, 9)}.{rng.randint(1000, 9999)}",
        "trace": f"00-{hexstr(rng, 32)}-{hexstr(rng, 16)}-01",
        "geo_ver": "39.9.1",
    }
    body_json(rng, r, obj, "plain gzip br")
    return r


def neg_search(rng: random.Random, d: dict[str, Any]) -> Req:
    kw = rng.choice(["手机壳", "running shoes", "iphone 15", "咖啡机", "4K monitor 27 inch"])
    return Req(
        "first-party",
        "search",
        "GET",
        f"https://api.example-shop.cn/search?q={quote(kw)}&page={rng.randint(1, 9)}&size=20"
        f"&_={ts13(rng)}&rid={reqid(rng)}",
    )


NEG_SHAPES: list[tuple[Callable[[random.Random, dict[str, Any]], Req], int]] = [
    (neg_config, 24),
    (neg_events, 36),
    (neg_ad, 30),
    (neg_crash, 24),
    (neg_httpdns, 14),
    (neg_image, 20),
    (neg_order, 24),
    (neg_heartbeat, 20),
    (neg_abtest, 20),
    (neg_search, 14),
]
