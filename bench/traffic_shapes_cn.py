"""Request shapes of the traffic corpus for Chinese-market SDKs: umeng, jpush, getui, bugly, baidu,
amap, tencent gdt, pangle, xiaomi push.

Each shape is a function ``(rng, device) -> Req`` that fills a request the way
the SDK does and labels it with the PI types it really put in. Used by
``bench/traffic_corpus.py``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import random
from typing import Any
from urllib.parse import urlencode

from bench.traffic_corpus_base import (
    Req,
    app_info,
    body_json,
    dev_info,
    digest,
    digits,
    hexstr,
    mac_form,
    maybe,
    put,
    reqid,
    snowflake,
    ts10,
    ts13,
)

# ---------------------------------------------------------------------------
# Requests that carry PI
# ---------------------------------------------------------------------------


def umeng(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("umeng", "analytics", "POST", "https://alog.umeng.com/app_logs")
    hdr: dict[str, Any] = {
        "appkey": hexstr(rng, 24),
        "sdk_version": "9.6.3",
        **dev_info(rng),
        **app_info(rng),
    }
    if maybe(rng, 0.7):
        put(r, hdr, rng.choice(["device_id", "imei"]), d["imei"], "device.imei")
    if maybe(rng):
        put(r, hdr, "idmd5", hashlib.md5(d["imei"].encode()).hexdigest(), "device.imei")
    if maybe(rng):
        put(r, hdr, "mc", mac_form(rng, d["wifi_mac"]), "device.mac")
    if maybe(rng):
        put(r, hdr, "oaid", d["oaid"], "device.oaid")
    if maybe(rng, 0.3):
        put(r, hdr, "android_id", d["android_id"], "device.android_id")
    events = [
        {
            "id": rng.choice(["page_view", "click_buy", "share"]),
            "ts": int(ts13(rng)),
            "du": rng.randint(1, 99999),
            "ext": {"page": f"/item/{snowflake(rng)}", "seq": rng.randint(1, 500)},
        }
        for _ in range(rng.randint(1, 12))
    ]
    body_json(rng, r, {"header": hdr, "body": {"ekv": events, "session_id": hexstr(rng, 32)}}, "gzip plain")
    return r


def jpush(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("jpush", "push registration", "POST", "https://api.jpush.cn/v1/reg")
    form: dict[str, Any] = {
        "app_key": hexstr(rng, 24),
        "platform": "a",
        "sdk_ver": "4.8.5",
        "ts": ts10(rng),
        "device_token": hexstr(rng, 64),
    }
    if maybe(rng, 0.8):
        put(r, form, "imei", digest(rng, d["imei"]), "device.imei")
    if maybe(rng):
        put(r, form, "imsi", d["imsi"], "device.imsi")
    if maybe(rng):
        put(r, form, "android_id", d["android_id"], "device.android_id")
    if maybe(rng):
        put(r, form, "mac", mac_form(rng, d["wifi_mac"]), "device.mac")
    if maybe(rng, 0.3):
        put(r, form, "serial", d["serial"], "device.serial")
    r.headers.append(("content-type", "application/x-www-form-urlencoded"))
    r.body = urlencode(form).encode()
    return r


def getui(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("getui", "push registration", "POST", "https://sdk.open.phone.igexin.com/api.php")
    obj: dict[str, Any] = {
        "action": "register",
        "cid": hexstr(rng, 32),
        "appid": hexstr(rng, 20),
        **dev_info(rng),
    }
    if maybe(rng, 0.8):
        put(r, obj, "imei", d["imei"], "device.imei")
    if maybe(rng):
        put(r, obj, "mac", mac_form(rng, d["wifi_mac"]), "device.mac")
    if maybe(rng, 0.4):
        put(r, obj, "iccid", d["iccid"], "device.iccid")
    if maybe(rng, 0.3):
        put(r, obj, "oaid", d["oaid"], "device.oaid")
    body_json(rng, r, obj, "b64form plain")
    return r


def bugly(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("bugly", "crash report", "POST", "https://android.bugly.qq.com/rqd/async?aid=" + reqid(rng))
    stack = "\n".join(
        f"\tat com.example.{rng.choice(['ui', 'net', 'db'])}.C{rng.randint(1, 99)}.m{rng.randint(1, 9)}"
        f"(Source:{rng.randint(1, 2000)})"
        for _ in range(rng.randint(3, 20))
    )
    obj: dict[str, Any] = {
        "crashType": "java",
        "exception": "java.lang.NullPointerException",
        "stack": stack,
        "crashTime": int(ts13(rng)),
        "threadId": rng.randint(1, 30000),
        "pid": rng.randint(1000, 32000),
        "memFree": rng.randint(10**8, 10**10),
        "appVer": app_info(rng)["ver"],
        **dev_info(rng),
    }
    if maybe(rng, 0.7):
        use_imei = maybe(rng)
        put(
            r,
            obj,
            "deviceId",
            d["imei"] if use_imei else d["android_id"],
            "device.imei" if use_imei else "device.android_id",
        )
    if maybe(rng, 0.4):
        put(r, obj, "imsi", d["imsi"], "device.imsi")
    if maybe(rng, 0.3):
        put(r, obj, "mac", mac_form(rng, d["wifi_mac"]), "device.mac")
    body_json(rng, r, obj, "gzip plain")
    return r


def baidu_mobstat(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("baidu", "analytics", "POST", "https://hmma.baidu.com/app.gif")
    obj: dict[str, Any] = {
        "he": {
            "k": hexstr(rng, 10),
            "sv": "4.0.9.5",
            "pn": app_info(rng)["pkg"],
            "a": rng.randint(1, 99),
            "t": int(ts13(rng)),
            **dev_info(rng),
        },
        "ev": [{"i": "launch", "t": int(ts13(rng))}],
    }
    he = obj["he"]
    if maybe(rng, 0.7):
        put(
            r,
            he,
            "cuid",
            hashlib.md5((d["imei"] + d["android_id"]).encode()).hexdigest().upper() + "|" + d["imei"][::-1],
            "device.imei",
        )
    if maybe(rng):
        put(r, he, "m", mac_form(rng, d["wifi_mac"]), "device.mac")
    if maybe(rng, 0.4):
        put(r, he, "gps", f"{d['lat']}_{d['lng']}", "location.precise")
    body_json(rng, r, obj, "gzip b64form")
    return r


def amap(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("amap", "location update", "POST", "https://apilocate.amap.com/mobile/binary")
    obj: dict[str, Any] = {"key": hexstr(rng, 32), "ver": "5.6.2", "ts": ts10(rng), **dev_info(rng)}
    if maybe(rng, 0.6):
        put(r, obj, "imei", d["imei"], "device.imei")
    if maybe(rng, 0.5):
        put(r, obj, "imsi", d["imsi"], "device.imsi")
    if maybe(rng, 0.7):
        put(
            r,
            obj,
            "wifi",
            [{"bssid": d["wifi_bssid"], "ssid": d["wifi_ssid"], "rssi": -rng.randint(30, 90)}]
            + [
                {
                    "bssid": ":".join(f"{rng.randrange(256):02x}" for _ in range(6)),
                    "rssi": -rng.randint(30, 90),
                }
                for _ in range(rng.randint(0, 4))
            ],
            "location.wifi",
        )
    if maybe(rng, 0.6):
        put(
            r,
            obj,
            "cell",
            {"mcc": 460, "mnc": 1, "lac": rng.randint(1000, 60000), "cid": rng.randint(10**4, 10**8)},
            "location.cell",
        )
    if maybe(rng, 0.4):
        put(r, obj, "mac", mac_form(rng, d["wifi_mac"]), "device.mac")
    body_json(rng, r, obj, "gzip br plain")
    return r


def gdt(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("tencent-gdt", "ad request", "POST", "https://mi.gdt.qq.com/gdt_mview.fcg")
    obj: dict[str, Any] = {
        "posid": digits(rng, 16),
        "adposcount": 1,
        "count": rng.randint(1, 5),
        "ext": {
            "req": {
                "c_os": "android",
                "c_osver": "12",
                "c_pkgname": app_info(rng)["pkg"],
                "conn": rng.randint(1, 5),
                "scs": hexstr(rng, 20),
            }
        },
    }
    req = obj["ext"]["req"]
    if maybe(rng, 0.7):
        put(r, req, "muid", hashlib.md5(d["imei"].encode()).hexdigest(), "device.imei")
        req["muidtype"] = 1
    if maybe(rng, 0.6):
        req["taid"] = hexstr(rng, 40)  # Tencent's own anonymous id: not a taxonomy PI type
    if maybe(rng, 0.6):
        put(r, req, "oaid", d["oaid"], "device.oaid")
    if maybe(rng, 0.4):
        put(r, req, "lat", int(float(d["lat"]) * 1_000_000), "location.precise")
        req["lng"] = int(float(d["lng"]) * 1_000_000)
    r.headers.append(("content-type", "application/x-www-form-urlencoded"))
    r.body = urlencode({"adposcount": 1, "ext": json.dumps(obj["ext"]), "posid": obj["posid"]}).encode()
    return r


def pangle(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req(
        "pangle",
        "ad request",
        "POST",
        "https://api-access.pangolin-sdk-toutiao.com/api/ad/union/sdk/get_ads/",
    )
    dev: dict[str, Any] = {
        "os": 1,
        "model": "V2118A",
        "vendor": "vivo",
        "conn_type": 1,
        "screen_width": 1080,
        "screen_height": 2400,
        "boot": ts10(rng),
    }
    obj: dict[str, Any] = {
        "request_id": reqid(rng),
        "ad_sdk_version": "5.1.0.2",
        "source_type": "app",
        "app": {"appid": digits(rng, 7), "package_name": app_info(rng)["pkg"]},
        "device": dev,
        "adslots": [{"id": digits(rng, 9), "adtype": 5, "accepted_size": [{"width": 640, "height": 320}]}],
        "ts": int(ts10(rng)),
    }
    if maybe(rng, 0.6):
        put(r, dev, "imei", digest(rng, d["imei"]), "device.imei")
    if maybe(rng, 0.7):
        put(r, dev, "oaid", d["oaid"], "device.oaid")
    if maybe(rng):
        put(r, dev, "android_id", digest(rng, d["android_id"]), "device.android_id")
    if maybe(rng, 0.3):
        put(r, dev, "mac", mac_form(rng, d["wifi_mac"]), "device.mac")
    if maybe(rng, 0.4):
        put(
            r,
            obj,
            "geo",
            {"latitude": float(d["lat"]), "longitude": float(d["lng"]), "lbs_time": int(ts10(rng))},
            "location.precise",
        )
    body_json(rng, r, obj, "gzip plain")
    return r


def xiaomi_push(rng: random.Random, d: dict[str, Any]) -> Req:
    r = Req("xiaomi-push", "push registration", "POST", "https://register.xmpush.xiaomi.com/pass/v2/register")
    form: dict[str, Any] = {
        "appid": digits(rng, 16),
        "apptoken": hexstr(rng, 20),
        "devid": "an:" + hexstr(rng, 40),
        "sdkver": "50012",
        "regid": base64.b64encode(os.urandom(0) + rng.randbytes(48)).decode(),
    }
    if maybe(rng, 0.7):
        put(r, form, "imei_md5", hashlib.md5(d["imei"].encode()).hexdigest(), "device.imei")
    if maybe(rng):
        put(r, form, "android_id", d["android_id"], "device.android_id")
    if maybe(rng, 0.4):
        put(r, form, "serial", d["serial"], "device.serial")
    r.headers.append(("content-type", "application/x-www-form-urlencoded"))
    r.body = urlencode(form).encode()
    return r
