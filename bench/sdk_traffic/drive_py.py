"""Drive the Python SDK client libraries: each call as an app makes it, flushed, logged with its truth.

Run by ``bench/sdk_traffic.py generate`` with the bench's own virtualenv
(``bench/sdk_traffic/.venv``, the pinned ``requirements.txt``), with
HTTPS_PROXY pointing at the bench's mitmdump and its CA trusted through
SSL_CERT_FILE / REQUESTS_CA_BUNDLE. Each SDK keeps its default production
host. ``SDKBENCH_PHONE`` is a JSON file of the synthetic phone's values,
``SDKBENCH_TRUTH`` the truth log this appends to: one line per call with the
PI types the call put into its request and why (by construction).
Usage: ``drive_py.py SDK...`` (default: all).
"""

from __future__ import annotations

import json
import os
import sys
import time
import uuid
from collections.abc import Callable
from typing import Any

with open(os.environ["SDKBENCH_PHONE"], encoding="utf-8") as _f:
    P: dict[str, Any] = json.load(_f)
TRUTH = os.environ["SDKBENCH_TRUTH"]
GAP = 0.4
"""Seconds of quiet after a call: the next call's requests start after this one's ended."""


def call(sdk: str, name: str, labels: list[str], why: str, fn: Callable[[], Any]) -> None:
    """Run one SDK call (which must flush), recording its time window and its truth."""
    t0 = time.time()
    fn()
    time.sleep(GAP)
    t1 = time.time()
    with open(TRUTH, "a", encoding="utf-8") as f:
        f.write(json.dumps({"sdk": sdk, "lang": "python", "call": name, "t0": t0, "t1": t1,
                            "labels": sorted(labels), "why": why}) + "\n")
    time.sleep(0.1)


def mixpanel() -> None:
    from mixpanel import Mixpanel

    mp = Mixpanel("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7")   # default Consumer: api.mixpanel.com, synchronous
    call("mixpanel", "people_set $email/$phone/$name, IMEI as distinct_id",
         ["device.imei", "contact.email", "contact.phone_number", "identity.name"],
         "people_set(distinct_id=imei, {$email, $phone, $name})",
         lambda: mp.people_set(P["imei"], {"$email": P["email"], "$phone": P["phone"],
                                           "$name": P["name_latin"], "plan": "gold"}))
    call("mixpanel", "track with app properties oaid/mac, IMEI as distinct_id",
         ["device.imei", "device.oaid", "device.mac"],
         "track(distinct_id=imei, 'login', {oaid, mac})",
         lambda: mp.track(P["imei"], "login", {"oaid": P["oaid"], "mac": P["wifi_mac"], "method": "sms"}))
    call("mixpanel", "track, OAID as distinct_id, lat/lng properties",
         ["device.oaid", "location.precise"],
         "track(distinct_id=oaid, 'store_visit', {lat, lng})",
         lambda: mp.track(P["oaid"], "store_visit", {"lat": P["lat"], "lng": P["lng"], "store": "SH-021"}))
    call("mixpanel", "no PI: track, random UUID as distinct_id", [], "track(uuid4, 'page_view', {page, ab})",
         lambda: mp.track(str(uuid.uuid4()), "page_view", {"page": "/home", "ab": "b", "items": 3}))


def posthog() -> None:
    from posthog import Posthog

    ph = Posthog("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", host="https://us.i.posthog.com",
                 flush_at=1, sync_mode=True, disable_geoip=True)
    ph.feature_flags_request_timeout_seconds = 1
    call("posthog", "identify: $set email/name/phone, distinct id the e-mail",
         ["contact.email", "identity.name", "contact.phone_number"],
         "set(distinct_id=email, {email, name, phone})",
         lambda: ph.set(distinct_id=P["email"], properties={"email": P["email"], "name": P["name_latin"],
                                                            "phone": P["phone_e164"]}))
    call("posthog", "capture with app properties imei/android_id, OAID as distinct id",
         ["device.oaid", "device.imei", "device.android_id"],
         "capture('checkout', distinct_id=oaid, {imei, android_id})",
         lambda: ph.capture("checkout", distinct_id=P["oaid"],
                            properties={"imei": P["imei"], "android_id": P["android_id"], "total": 129.5}))
    eu = Posthog("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", host="https://eu.i.posthog.com",
                 flush_at=1, sync_mode=True, disable_geoip=True)
    call("posthog", "EU region: capture with $set email and lat/lng",
         ["contact.email", "location.precise"],
         "capture('signup', distinct_id=uuid, {$set: {email}, lat, lng})",
         lambda: eu.capture("signup", distinct_id="3b9e6c1a-55d2-4f0e-9a7b-8c2d1e0f4a6b",
                            properties={"$set": {"email": P["email"]}, "lat": P["lat"], "lng": P["lng"]}))
    call("posthog", "no PI: capture, random UUID as distinct id", [],
         "capture('$pageview', uuid4, {$current_url})",
         lambda: ph.capture("$pageview", distinct_id=str(uuid.uuid4()),
                            properties={"$current_url": "https://shop.example.com/cart", "items": 2}))


def segment() -> None:
    from segment.analytics import Client

    sg = Client("benchWriteKey0a1b2c3d4e5f6a7b8", sync_mode=True)
    call("segment", "identify: traits email/phone/name, context.device.advertisingId",
         ["contact.email", "contact.phone_number", "identity.name", "device.gaid"],
         "identify(user_id, traits{email, phone, name}, context.device{advertisingId})",
         lambda: sg.identify("u-20931", {"email": P["email"], "phone": P["phone"], "name": P["name_latin"]},
                             context={"device": {"advertisingId": P["gaid"], "adTrackingEnabled": True,
                                                 "manufacturer": "Xiaomi", "model": "M2102K1C"}}))
    call("segment", "track: properties imei/mac, IMEI as anonymousId",
         ["device.imei", "device.mac"],
         "track(anonymous_id=imei, 'Order Completed', {mac})",
         lambda: sg.track(event="Order Completed", anonymous_id=P["imei"],
                          properties={"mac": P["wifi_mac"], "revenue": 99}))
    call("segment", "no PI: track, random UUID as anonymousId", [],
         "track(anonymous_id=uuid4, 'Product Viewed')",
         lambda: sg.track(event="Product Viewed", anonymous_id=str(uuid.uuid4()),
                          properties={"sku": "A-17", "price": 12.5},
                          context={"device": {"manufacturer": "Xiaomi", "model": "M2102K1C"}}))


def rudderstack() -> None:
    import rudderstack.analytics as ra

    ra.write_key = "2Bench7Wk3yRudd3rSt4ckQ9zXp1L"
    ra.dataPlaneUrl = "https://benchshopqcnb.dataplane.rudderstack.com"
    ra.sync_mode = True
    call("rudderstack", "identify: traits email/phone, context.device.advertisingId",
         ["contact.email", "contact.phone_number", "device.gaid"],
         "identify(user_id, traits{email, phone}, context.device{advertisingId})",
         lambda: ra.identify("u-20931", {"email": P["email"], "phone": P["phone"]},
                             context={"device": {"advertisingId": P["gaid"], "id": "d-77"}}))
    call("rudderstack", "track: properties oaid/lat/lng, OAID as anonymousId",
         ["device.oaid", "location.precise"],
         "track(anonymous_id=oaid, 'Store Visit', {latitude, longitude})",
         lambda: ra.track(event="Store Visit", anonymous_id=P["oaid"],
                          properties={"latitude": P["lat"], "longitude": P["lng"]}))
    call("rudderstack", "no PI: page, random UUID as anonymousId", [], "page(anonymous_id=uuid4, 'Home')",
         lambda: ra.page(anonymous_id=str(uuid.uuid4()), name="Home", properties={"path": "/home"}))


def amplitude() -> None:
    from amplitude import Amplitude, BaseEvent

    amp = Amplitude("a1b2c3d4e5f60718293a4b5c6d7e8f90")
    amp.configuration.min_id_length = 1

    def send(ev: BaseEvent) -> None:
        amp.track(ev)
        for fut in amp.flush() or []:
            fut.result(10)

    call("amplitude", "event with adid/android_id, user_id the e-mail",
         ["device.gaid", "device.android_id", "contact.email"],
         "BaseEvent(user_id=email, adid=gaid, android_id)",
         lambda: send(BaseEvent("sign_in", user_id=P["email"],
                                device_id="c9d3a0b2-6e71-4f58-9a42-d7e1b3c5f608", adid=P["gaid"],
                                android_id=P["android_id"], platform="Android")))
    call("amplitude", "event with location_lat/lng and event_properties imei/phone",
         ["location.precise", "device.imei", "contact.phone_number"],
         "BaseEvent(location_lat, location_lng, event_properties{imei, phone})",
         lambda: send(BaseEvent("order", device_id="c9d3a0b2-6e71-4f58-9a42-d7e1b3c5f608",
                                location_lat=P["lat"], location_lng=P["lng"],
                                event_properties={"imei": P["imei"], "phone": P["phone"], "sku": "A-17"})))
    call("amplitude", "no PI: event with the SDK-style random device_id only", [],
         "BaseEvent(device_id=uuid4, event_properties{screen})",
         lambda: send(BaseEvent("screen_view", device_id=str(uuid.uuid4()), platform="Android",
                                os_name="Android", os_version="13", event_properties={"screen": "cart"})))


def sentry() -> None:
    import sentry_sdk

    sentry_sdk.init(dsn="https://3f2a9c1b7d5e4a6b8c0d2e4f6a8b0c1d@o447951.ingest.sentry.io/5434472",
                    default_integrations=False, auto_session_tracking=False, send_default_pii=False,
                    ca_certs=os.environ["SSL_CERT_FILE"], server_name="bench-host", release="shop@3.2.1",
                    include_local_variables=False, include_source_context=False)

    def capture() -> None:
        sentry_sdk.set_user({"id": "u-20931", "email": P["email"], "ip_address": P["ip"]})
        sentry_sdk.set_extra("imei", P["imei"])
        sentry_sdk.set_extra("oaid", P["oaid"])
        sentry_sdk.capture_message("payment failed")
        sentry_sdk.flush(10)

    call("sentry", "message envelope: user email/ip_address, extra imei/oaid",
         ["contact.email", "device.imei", "device.oaid"],
         "set_user{id, email, ip_address}; set_extra(imei, oaid); capture_message (IP: no PI type of piflow)",
         capture)

    def crash() -> None:
        sentry_sdk.set_user({"id": P["android_id"], "username": P["phone"]})
        sentry_sdk.set_extra("imei", None)
        sentry_sdk.set_extra("oaid", None)
        sentry_sdk.set_context("gps", {"lat": P["lat"], "lng": P["lng"]})
        try:
            raise ValueError("cart empty")
        except ValueError:
            sentry_sdk.capture_exception()
        sentry_sdk.flush(10)

    call("sentry", "exception envelope: user id the Android ID, username the phone, context lat/lng",
         ["device.android_id", "contact.phone_number", "location.precise"],
         "set_user{id=android_id, username=phone}; set_context(gps{lat,lng}); capture_exception",
         crash)

    def plain() -> None:
        sentry_sdk.set_user(None)
        sentry_sdk.set_context("gps", None)
        sentry_sdk.capture_message("image cache full")
        sentry_sdk.flush(10)

    call("sentry", "no PI: message envelope without user", [], "set_user(None); capture_message", plain)


def sensors() -> None:
    import sensorsanalytics

    consumer = sensorsanalytics.DefaultConsumer("https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default")
    sa = sensorsanalytics.SensorsAnalytics(consumer)
    call("sensors-analytics", "track: IMEI as distinct_id, properties oaid/mac",
         ["device.imei", "device.oaid", "device.mac"],
         "track(distinct_id=imei, 'ViewProduct', {oaid, mac})",
         lambda: sa.track(P["imei"], "ViewProduct", {"$os": "Android", "oaid": P["oaid"],
                                                      "mac": P["wifi_mac"], "product": "A-17"}))
    call("sensors-analytics", "profile_set: login id the phone, name/email/imsi",
         ["contact.phone_number", "identity.name", "contact.email", "device.imsi"],
         "profile_set(distinct_id=phone, is_login_id, {name, email, imsi})",
         lambda: sa.profile_set(P["phone"], {"name": P["name"], "email": P["email"], "imsi": P["imsi"]},
                                is_login_id=True))
    call("sensors-analytics", "track: OAID as distinct_id, $latitude/$longitude, iccid",
         ["device.oaid", "location.precise", "device.iccid"],
         "track(distinct_id=oaid, 'StoreVisit', {$latitude, $longitude, iccid})",
         lambda: sa.track(P["oaid"], "StoreVisit", {"$latitude": P["lat"], "$longitude": P["lng"],
                                                     "iccid": P["iccid"]}))
    call("sensors-analytics", "no PI: track, random UUID as anonymous distinct_id", [],
         "track(uuid4, 'AppStart', {$os, $screen_width})",
         lambda: sa.track(str(uuid.uuid4()), "AppStart", {"$os": "Android", "$screen_width": 1080}))


# --- the bench set's SLS part (SDKBENCH_PART=sls: capture.sls.mitm, truth.sls.jsonl) -------------------


def aliyun_sls() -> None:
    """Alibaba Cloud Log Service: an app's own logging through PutLogs (LogGroup protobuf, lz4 by default).

    The contents are the app's choice (key/value pairs); the source is given (else the SDK opens a UDP
    socket towards the project host to learn the local address): the documentation address of the phone.
    """
    from aliyun.log import LogClient, LogItem, PutLogsRequest

    client = LogClient("https://cn-hangzhou.log.aliyuncs.com", "LTAI5tBenchKey0a1b2c3d4e",
                       "benchSecret0a1b2c3d4e5f6a7b8c9d", source=P["ip"])
    project, store = "benchshop-app-logs", "client-events"
    now = int(time.time())

    def put(items: list[list[tuple[str, str]]], topic: str = "", compress: bool = True,
            tags: list[tuple[str, str]] | None = None) -> Callable[[], Any]:
        logs = [LogItem(timestamp=now, contents=c) for c in items]
        return lambda: client.put_logs(PutLogsRequest(project, store, topic, None, logs, compress=compress,
                                                      logtags=tags))

    call("aliyun-sls", "put_logs: contents imei, phone, lat/lng (lz4)",
         ["device.imei", "contact.phone_number", "location.precise"],
         "put_logs(LogItem{event, imei, phone, lat, lng})",
         put([[("event", "login"), ("imei", P["imei"]), ("phone", P["phone"]), ("lat", str(P["lat"])),
               ("lng", str(P["lng"])), ("method", "sms")]], topic="login"))
    call("aliyun-sls", "put_logs: two items, oaid / android_id and mac, log tags (lz4)",
         ["device.oaid", "device.android_id", "device.mac"],
         "put_logs([LogItem{oaid, android_id}, LogItem{mac}], logtags{app_version, channel})",
         put([[("event", "app_start"), ("oaid", P["oaid"]), ("android_id", P["android_id"])],
              [("event", "wifi_scan"), ("mac", P["wifi_mac"]), ("rssi", "-61")]],
             tags=[("app_version", "3.14.2"), ("channel", "huawei")]))
    call("aliyun-sls", "put_logs uncompressed: userEmail, deviceId the IMEI",
         ["contact.email", "device.imei"],
         "put_logs(LogItem{userEmail, deviceId=imei}, compress=False)",
         put([[("event", "order_paid"), ("userEmail", P["email"]), ("deviceId", P["imei"]),
               ("amount", "129.50")]], topic="orders", compress=False))
    call("aliyun-sls", "no PI: put_logs, a random request id and page", [],
         "put_logs(LogItem{event, page, request_id=uuid4, cost_ms})",
         put([[("event", "page_view"), ("page", "/cart"), ("request_id", str(uuid.uuid4())),
               ("cost_ms", "182")]], topic="perf"))


PARTS: dict[str, dict[str, Callable[[], None]]] = {"sls": {"aliyun-sls": aliyun_sls}}
"""Parts of the bench set recorded on their own (``SDKBENCH_PART``), beside the main capture."""


# --- the held-out set (SDKBENCH_SET=heldout): other calls and fields, the second phone ---------------------


def mixpanel_h() -> None:
    from mixpanel import Mixpanel

    mp = Mixpanel("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7")
    call("mixpanel", "alias: the phone as alias of a random id", ["contact.phone_number"],
         "alias(alias_id=phone, original=uuid4) ($create_alias)",
         lambda: mp.alias(P["phone"], str(uuid.uuid4())))
    call("mixpanel", "people_set_once: Android ID as distinct_id, $email",
         ["device.android_id", "contact.email"],
         "people_set_once(android_id, {$email, gender})",
         lambda: mp.people_set_once(P["android_id"], {"$email": P["email"], "gender": "f"}))
    call("mixpanel", "track: app property imsi", ["device.imsi"], "track(uuid4, 'checkout', {imsi, $city})",
         lambda: mp.track(str(uuid.uuid4()), "checkout", {"imsi": P["imsi"], "$city": "Beijing"}))


def posthog_h() -> None:
    from posthog import Posthog

    ph = Posthog("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", host="https://us.i.posthog.com",
                 flush_at=1, sync_mode=True, disable_geoip=True)
    call("posthog", "alias: the phone (+86) as distinct id of a random previous id", ["contact.phone_number"],
         "alias(previous_id=uuid4, distinct_id=phone_e164)",
         lambda: ph.alias(previous_id=str(uuid.uuid4()), distinct_id=P["phone_e164"]))
    call("posthog", "capture: $set_once email, property wifi_mac", ["contact.email", "device.mac"],
         "capture('order', uuid4, {$set_once: {email}, wifi_mac})",
         lambda: ph.capture("order", distinct_id=str(uuid.uuid4()),
                            properties={"$set_once": {"email": P["email"]}, "wifi_mac": P["wifi_mac"]}))
    call("posthog", "group_identify: a contact phone of the group", ["contact.phone_number"],
         "group_identify('store', 'bj-01', {contact_phone})",
         lambda: ph.group_identify("store", "bj-01", {"contact_phone": P["phone"], "city": "Beijing"}))


def segment_h() -> None:
    from segment.analytics import Client

    sg = Client("benchWriteKey0a1b2c3d4e5f6a7b8", sync_mode=True)
    call("segment", "alias: the e-mail as userId", ["contact.email"],
         "alias(previous_id=uuid4, user_id=email)",
         lambda: sg.alias(str(uuid.uuid4()), P["email"]))
    call("segment", "page: context.location latitude/longitude, context.device.id the Android ID",
         ["location.precise", "device.android_id"], "page(user_id, 'Store', context{location, device.id})",
         lambda: sg.page("u-77", name="Store",
                         context={"location": {"latitude": P["lat"], "longitude": P["lng"]},
                                  "device": {"id": P["android_id"], "type": "android"}}))
    call("segment", "group: traits email/phone", ["contact.email", "contact.phone_number"],
         "group(user_id, group_id, traits{email, phone})",
         lambda: sg.group("u-77", "g-1", {"email": P["email"], "phone": P["phone"], "plan": "team"}))


def rudderstack_h() -> None:
    import rudderstack.analytics as ra

    ra.write_key = "2Bench7Wk3yRudd3rSt4ckQ9zXp1L"
    ra.dataPlaneUrl = "https://benchshopqcnb.dataplane.rudderstack.com"
    ra.sync_mode = True
    call("rudderstack", "screen: the phone as userId, property imei", ["contact.phone_number", "device.imei"],
         "screen(user_id=phone, 'Cart', {imei})",
         lambda: ra.screen(P["phone"], name="Cart", properties={"imei": P["imei"]}))
    call("rudderstack", "alias: the IMEI as userId", ["device.imei"],
         "alias(previous_id=uuid4, user_id=imei)",
         lambda: ra.alias(str(uuid.uuid4()), P["imei"]))


def amplitude_h() -> None:
    from amplitude import Amplitude, BaseEvent, EventOptions, Identify

    amp = Amplitude("a1b2c3d4e5f60718293a4b5c6d7e8f90")
    amp.configuration.min_id_length = 1

    def flush() -> None:
        for fut in amp.flush() or []:
            fut.result(10)

    def ident() -> None:
        amp.identify(Identify().set("email", P["email"]).set_once("phone", P["phone"]),
                     EventOptions(user_id="u-77", device_id=str(uuid.uuid4())))
        flush()

    call("amplitude", "identify: user_properties $set email, $setOnce phone", ["contact.email",
         "contact.phone_number"], "identify(Identify().set(email).set_once(phone))", ident)

    def purchase() -> None:
        amp.track(BaseEvent("purchase", user_id=P["imei"], device_id=P["android_id"], price=9.9, quantity=1,
                            revenue=9.9, product_id="A-17"))
        flush()

    call("amplitude", "revenue event: the IMEI as user_id, the Android ID as device_id",
         ["device.imei", "device.android_id"], "BaseEvent('purchase', user_id=imei, device_id=android_id)",
         purchase)


def sentry_h() -> None:
    import sentry_sdk

    sentry_sdk.init(dsn="https://3f2a9c1b7d5e4a6b8c0d2e4f6a8b0c1d@o447951.ingest.sentry.io/5434472",
                    default_integrations=False, auto_session_tracking=False, send_default_pii=False,
                    ca_certs=os.environ["SSL_CERT_FILE"], server_name="bench-host", release="shop@3.2.1",
                    include_local_variables=False, include_source_context=False)

    def login() -> None:
        sentry_sdk.add_breadcrumb(category="auth", message="login", data={"phone": P["phone"]})
        sentry_sdk.set_user({"id": "u-77", "username": P["email"]})
        sentry_sdk.capture_message("login failed")
        sentry_sdk.flush(10)

    call("sentry", "breadcrumb data phone, user.username the e-mail",
         ["contact.phone_number", "contact.email"],
         "add_breadcrumb(data{phone}); set_user{id, username=email}; capture_message", login)

    def ids() -> None:
        sentry_sdk.set_user(None)
        sentry_sdk.get_isolation_scope().clear_breadcrumbs()
        sentry_sdk.set_context("device_ids", {"oaid": P["oaid"], "gaid": P["gaid"]})
        sentry_sdk.capture_message("ad sdk init failed")
        sentry_sdk.flush(10)

    call("sentry", "context device_ids oaid/gaid", ["device.oaid", "device.gaid"],
         "set_user(None); clear_breadcrumbs(); set_context('device_ids', {oaid, gaid}); capture_message", ids)


def sensors_h() -> None:
    import sensorsanalytics

    consumer = sensorsanalytics.DefaultConsumer("https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default")
    sa = sensorsanalytics.SensorsAnalytics(consumer)
    call("sensors-analytics", "track_signup: the e-mail as login id", ["contact.email"],
         "track_signup(distinct_id=email, original_id=uuid4)",
         lambda: sa.track_signup(P["email"], str(uuid.uuid4())))
    call("sensors-analytics", "profile_set_once: IMEI as distinct_id, mac", ["device.imei", "device.mac"],
         "profile_set_once(imei, {mac})", lambda: sa.profile_set_once(P["imei"], {"mac": P["wifi_mac"]}))
    call("sensors-analytics", "track: latitude/longitude properties", ["location.precise"],
         "track(uuid4, 'Locate', {latitude, longitude})",
         lambda: sa.track(str(uuid.uuid4()), "Locate", {"latitude": P["lat"], "longitude": P["lng"]}))


HELDOUT: dict[str, Callable[[], None]] = {
    "mixpanel": mixpanel_h, "posthog": posthog_h, "segment": segment_h, "rudderstack": rudderstack_h,
    "amplitude": amplitude_h, "sentry": sentry_h, "sensors-analytics": sensors_h,
}

DRIVERS: dict[str, Callable[[], None]] = {
    "mixpanel": mixpanel, "posthog": posthog, "segment": segment, "rudderstack": rudderstack,
    "amplitude": amplitude, "sentry": sentry, "sensors-analytics": sensors,
}

if __name__ == "__main__":
    part = os.environ.get("SDKBENCH_PART", "")
    chosen = PARTS[part] if part else HELDOUT if os.environ.get("SDKBENCH_SET") == "heldout" else DRIVERS
    for name in sys.argv[1:] or list(chosen):
        chosen[name]()
