"""Request shapes of the traffic corpus: global SDKs and first-party APIs, and the list of all PI shapes.

Each shape is a function ``(rng, device) -> Req`` that fills a request the way
the SDK does and labels it with the PI types it really put in. Used by
``bench/traffic_corpus.py``.
"""

from __future__ import annotations

import base64
import json
import random
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from bench.traffic_corpus_base import (
    Req,
    app_info,
    body_json,
    digest,
    digits,
    hexstr,
    maybe,
    put,
    snowflake,
    ts13,
)
from bench.traffic_shapes_cn import amap, baidu_mobstat, bugly, gdt, getui, jpush, pangle, umeng, xiaomi_push

# ---------------------------------------------------------------------------
# Requests that carry PI
# ---------------------------------------------------------------------------


def firebase(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("firebase", "analytics", "POST", "https://app-measurement.com/a")
    obj: dict[str, Any] = {
        "app_instance_id": hexstr(rng, 32),
        "gmp_app_id": f"1:{digits(rng, 12)}:android:{hexstr(rng, 16)}",
        "events": [
            {"name": rng.choice(["_s", "_e", "screen_view"]), "ts": int(ts13(rng))}
            for _ in range(rng.randint(1, 8))
        ],
        "platform": "android",
        "upload_ts": int(ts13(rng)),
    }
    if maybe(rng, 0.7):
        put(r, obj, "resettable_device_id", d["gaid"], "device.gaid")
        obj["limited_ad_tracking"] = False
    body_json(rng, r, obj, "gzip plain")
    return r


def admob(rng: random.Random, d: dict[str, Any]) -> Req:
    q: dict[str, Any] = {
        "format": "320x50_mb",
        "output": "html",
        "u_w": 393,
        "u_h": 851,
        "msid": app_info(rng)["pkg"],
        "js": "afma-sdk-a-v" + digits(rng, 9),
        "correlator": digits(rng, 16),
        "dt": ts13(rng),
        "seq_num": rng.randint(1, 9),
        "ms": base64.urlsafe_b64encode(rng.randbytes(40)).decode().rstrip("="),
    }
    r = Req("admob", "ad request", "GET", "")
    if maybe(rng, 0.7):
        put(r, q, "rdid", d["gaid"], "device.gaid")
        q["is_lat"] = 0
    r.url = "https://googleads.g.doubleclick.net/mads/gma?" + urlencode(q)
    return r


def appsflyer(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        "appsflyer",
        "attribution",
        "POST",
        "https://launches.appsflyer.com/api/v6.9/androidevent?app_id=com.example.shop&buildnumber=6.9.2",
    )
    obj: dict[str, Any] = {
        "uid": f"{ts13(rng)}-{digits(rng, 19)}",
        "af_timestamp": ts13(rng),
        "counter": str(rng.randint(1, 40)),
        "deviceData": {"cpu_abi": "arm64-v8a", "build_display_id": "SP1A.210812.003", "dim": {"x_px": 1080}},
        "isFirstCall": "false",
        "date1": "2026-10-01_101010+0800",
        "installDate": "2026-10-01_101010+0800",
    }
    if maybe(rng, 0.8):
        put(r, obj, "advertiserId", d["gaid"], "device.gaid")
    if maybe(rng, 0.4):
        put(r, obj, "android_id", d["android_id"], "device.android_id")
    if maybe(rng, 0.3):
        put(r, obj, "imei", d["imei"], "device.imei")
    if maybe(rng, 0.2):
        put(r, obj, "oaid", d["oaid"], "device.oaid")
    body_json(rng, r, obj, "plain")
    return r


def login(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "login", "POST", "https://passport.example-shop.cn/api/v2/login")
    form: dict[str, Any] = {"captcha": digits(rng, 6), "client_ts": ts13(rng), "nonce": hexstr(rng, 16)}
    if maybe(rng, 0.7):
        put(
            r,
            form,
            rng.choice(["mobile", "phone", "account"]),
            d["phone"] if maybe(rng, 0.8) else "+86" + d["phone"],
            "contact.phone_number",
        )
    else:
        put(r, form, "email", d["email"], "contact.email")
    put(r, form, rng.choice(["password", "pwd"]), digest(rng, d["password"]), "account.password")
    if maybe(rng):
        r.headers.append(("content-type", "application/x-www-form-urlencoded"))
        r.body = urlencode(form).encode()
    else:
        body_json(rng, r, form, "plain")
    if maybe(rng, 0.3):
        r.headers.append(("x-device-id", d["android_id"]))
        r.labels.add("device.android_id")
    return r


def location_update(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "location update", "POST", "https://lbs.example-shop.cn/v1/loc")
    obj: dict[str, Any] = {
        "coordType": "gcj02",
        "acc": round(rng.uniform(5, 60), 1),
        "ts": int(ts13(rng)),
        "speed": round(rng.uniform(0, 3), 2),
    }
    if maybe(rng, 0.75):
        prec = rng.choice([6, 5, 4])
        put(r, obj, rng.choice(["lat", "latitude"]), round(float(d["lat"]), prec), "location.precise")
        obj["lng" if "lat" in obj else "longitude"] = round(float(d["lng"]), prec)
    else:
        put(r, obj, "lat", round(float(d["lat"]), 2), "location.coarse")
        obj["lng"] = round(float(d["lng"]), 2)
    if maybe(rng, 0.3):
        put(r, obj, "ssid", d["wifi_ssid"], "location.wifi")
    body_json(rng, r, obj, "plain gzip")
    return r


def contacts_upload(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "contacts upload", "POST", "https://social.example-chat.cn/api/friends/match")
    obj = {
        "contacts": [{"name": c["name"], "phone": c["phone"]} for c in d["contacts"]],
        "ts": int(ts13(rng)),
    }
    r.labels.add("contacts")
    body_json(rng, r, obj, "plain gzip")
    return r


def applist(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        rng.choice(["umeng", "getui", "first-party"]),
        "installed apps",
        "POST",
        "https://risk.example-shop.cn/app/list",
    )
    obj = {"applist": d["installed_apps"][: rng.randint(3, 6)], "ts": int(ts13(rng))}
    r.labels.add("apps.installed_list")
    body_json(rng, r, obj, "plain gzip b64form")
    return r


def id_check(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("first-party", "identity verification", "POST", "https://kyc.example-pay.cn/v1/verify")
    obj = {"realName": d["name"], "idCard": d["id_number"], "bizNo": snowflake(rng)}
    r.labels |= {"identity.name", "identity.id_number"}
    if maybe(rng, 0.4):
        obj["bankCardNo"] = d["bank_card"]
        r.labels.add("finance.bank_card")
    body_json(rng, r, obj, "plain")
    return r


def header_ids(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        "first-party",
        "api call",
        "GET",
        f"https://api.example-shop.cn/v3/feed?page={rng.randint(1, 9)}&t={ts13(rng)}",
    )
    r.headers.append(("x-imei", digest(rng, d["imei"])))
    r.labels.add("device.imei")
    if maybe(rng):
        r.headers.append(("cookie", f"sid={hexstr(rng, 32)}; did={d['android_id']}"))
        r.labels.add("device.android_id")
    return r


def multipart_upload(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("bugly", "crash report", "POST", "https://android.bugly.qq.com/rqd/upload")
    meta = {"deviceId": d["imei"], "crashTime": int(ts13(rng)), "model": "V2118A"}
    r.labels.add("device.imei")
    boundary = hexstr(rng, 16)
    dump = rng.randbytes(rng.randint(200, 2000))
    r.body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="meta"\r\n'
            f"Content-Type: application/json\r\n\r\n"
            f"{json.dumps(meta)}\r\n--{boundary}\r\n"
            f'Content-Disposition: form-data; name="dump"; filename="x.dmp"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + dump
        + f"\r\n--{boundary}--\r\n".encode()
    )
    r.headers.append(("content-type", f"multipart/form-data; boundary={boundary}"))
    return r


def encrypted(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        rng.choice(["umeng", "tencent-beacon", "pangle"]),
        "analytics (encrypted)",
        "POST",
        "https://"
        + rng.choice(
            [
                "ulogs.umeng.com/unify_logs",
                "otheve.beacon.qq.com/analytics/upload",
                "log.pangolin-sdk-toutiao.com/service/2/app_log/",
            ]
        ),
    )
    r.labels.add("device.imei")
    r.encrypted = True
    r.headers.append(("content-type", "application/octet-stream"))
    r.body = rng.randbytes(rng.randint(300, 3000))
    return r


PI_SHAPES: list[tuple[Callable[[random.Random, dict[str, Any]], Req], int]] = [
    (umeng, 20),
    (jpush, 16),
    (getui, 14),
    (bugly, 12),
    (baidu_mobstat, 12),
    (amap, 14),
    (gdt, 14),
    (pangle, 16),
    (xiaomi_push, 10),
    (firebase, 10),
    (admob, 10),
    (appsflyer, 12),
    (login, 14),
    (location_update, 14),
    (contacts_upload, 6),
    (applist, 8),
    (id_check, 6),
    (header_ids, 10),
    (multipart_upload, 6),
    (encrypted, 6),
]
