// Drive the Node SDK client libraries: each call as an app's back end makes it, flushed, logged with its truth.
//
// Run by bench/sdk_traffic.py generate from bench/sdk_traffic/node (its pinned package-lock.json). The proxy
// is SDKBENCH_PROXY: every http/https-module client (axios, node-fetch, the SDKs' own transports) goes through
// it by global-agent (forced over any agent a library brings), every fetch-based client by undici's ProxyAgent
// as the global dispatcher; the mitmproxy CA is trusted through NODE_EXTRA_CA_CERTS. The libraries' own
// proxy variables are removed so no client proxies twice. Each SDK keeps its default production host.
// SDKBENCH_PHONE is the synthetic phone (JSON), SDKBENCH_TRUTH the truth log this appends to.
// Usage: node drive.js [SDK-node ...] (default: all).
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const proxy = process.env.SDKBENCH_PROXY;
for (const k of ["HTTPS_PROXY", "HTTP_PROXY", "https_proxy", "http_proxy"]) delete process.env[k];
process.env.GLOBAL_AGENT_HTTP_PROXY = proxy;
process.env.GLOBAL_AGENT_FORCE_GLOBAL_AGENT = "true";
require("global-agent").bootstrap();
const undici = require("undici");
undici.setGlobalDispatcher(new undici.ProxyAgent(proxy));

const P = JSON.parse(fs.readFileSync(process.env.SDKBENCH_PHONE, "utf8"));
const GAP = 400;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function call(sdk, name, labels, why, fn) {
  const t0 = Date.now() / 1000;
  await fn();
  await sleep(GAP);
  const t1 = Date.now() / 1000;
  fs.appendFileSync(process.env.SDKBENCH_TRUTH, JSON.stringify(
    { sdk, lang: "node", call: name, t0, t1, labels: [...labels].sort(), why }) + "\n");
  await sleep(100);
}

const cb = (resolve, reject) => (err) => (err ? reject(err) : resolve());

async function mixpanel() {
  const Mixpanel = require("mixpanel");
  const mp = Mixpanel.init("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7");   // api.mixpanel.com
  await call("mixpanel", "people.set $email/$name, IMEI as distinct_id",
    ["device.imei", "contact.email", "identity.name"],
    "people.set(imei, {$email, $name})",
    () => new Promise((res, rej) => mp.people.set(P.imei, { $email: P.email, $name: P.name_latin, tier: 2 },
      cb(res, rej))));
  await call("mixpanel", "track: phone as distinct_id, app properties android_id/imsi",
    ["contact.phone_number", "device.android_id", "device.imsi"],
    "track('app_open', {distinct_id: phone, android_id, imsi})",
    () => new Promise((res, rej) => mp.track("app_open", { distinct_id: P.phone, android_id: P.android_id,
      imsi: P.imsi }, cb(res, rej))));
  await call("mixpanel", "no PI: track, random UUID as distinct_id", [], "track('page_view', {distinct_id: uuid})",
    () => new Promise((res, rej) => mp.track("page_view", { distinct_id: crypto.randomUUID(), page: "/home" },
      cb(res, rej))));
}

async function posthog() {
  const { PostHog } = require("posthog-node");
  const ph = new PostHog("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", { flushAt: 1, flushInterval: 0,
    disableGeoip: true });   // us.i.posthog.com
  await call("posthog", "identify: IMEI as distinctId, $set email/name",
    ["device.imei", "contact.email", "identity.name"],
    "identify({distinctId: imei, properties: {email, name}})",
    async () => { ph.identify({ distinctId: P.imei, properties: { email: P.email, name: P.name_latin } });
      await ph.flush(); });
  await call("posthog", "capture: e-mail as distinctId, app properties gaid/mac",
    ["contact.email", "device.gaid", "device.mac"],
    "capture({distinctId: email, event: 'purchase', properties: {gaid, mac}})",
    async () => { ph.capture({ distinctId: P.email, event: "purchase", properties: { gaid: P.gaid,
      mac: P.wifi_mac, amount: 12 } }); await ph.flush(); });
  await call("posthog", "no PI: capture, random UUID as distinctId", [], "capture({distinctId: uuid, '$pageview'})",
    async () => { ph.capture({ distinctId: crypto.randomUUID(), event: "$pageview",
      properties: { $current_url: "https://shop.example.com/" } }); await ph.flush(); });
  await ph.shutdown();
}

async function segment() {
  const { Analytics } = require("@segment/analytics-node");
  const an = new Analytics({ writeKey: "benchWriteKey0a1b2c3d4e5f6a7b8", maxEventsInBatch: 1 });
  await call("segment", "identify: userId the phone, traits email/name",
    ["contact.phone_number", "contact.email", "identity.name"],
    "identify({userId: phone, traits: {email, name}})",
    () => new Promise((res, rej) => an.identify({ userId: P.phone, traits: { email: P.email, name: P.name_latin } },
      cb(res, rej))));
  await call("segment", "track: context.device.advertisingId, properties imsi/iccid",
    ["device.gaid", "device.imsi", "device.iccid"],
    "track({anonymousId: uuid, properties: {imsi, iccid}, context.device.advertisingId})",
    () => new Promise((res, rej) => an.track({ anonymousId: "6f1d2c3b-4a59-4e8d-9c7b-a1b2c3d4e5f6",
      event: "SIM Changed", properties: { imsi: P.imsi, iccid: P.iccid },
      context: { device: { advertisingId: P.gaid } } }, cb(res, rej))));
  await call("segment", "no PI: page, random UUID as anonymousId", [], "page({anonymousId: uuid, name})",
    () => new Promise((res, rej) => an.page({ anonymousId: crypto.randomUUID(), name: "Home",
      properties: { path: "/home" } }, cb(res, rej))));
  await an.closeAndFlush();
}

async function amplitude() {
  const amp = require("@amplitude/analytics-node");
  amp.init("a1b2c3d4e5f60718293a4b5c6d7e8f90", { flushQueueSize: 1, flushIntervalMillis: 100 }).promise;
  await call("amplitude", "identify-less track: user_id the phone, adid, location_lat/lng",
    ["contact.phone_number", "device.gaid", "location.precise"],
    "track('map_open', {}, {user_id: phone, adid, location_lat, location_lng})",
    async () => { await amp.track("map_open", { screen: "map" }, { user_id: P.phone,
      device_id: "0d6c1b2a-3e4f-4a5b-8c7d-9e0f1a2b3c4d", adid: P.gaid, location_lat: P.lat,
      location_lng: P.lng }).promise; await amp.flush().promise; });
  await call("amplitude", "track: device_id the OAID, event_properties mac/email",
    ["device.oaid", "device.mac", "contact.email"],
    "track('bind_device', {mac, email}, {device_id: oaid})",
    async () => { await amp.track("bind_device", { mac: P.wifi_mac, email: P.email }, { device_id: P.oaid })
      .promise; await amp.flush().promise; });
  await call("amplitude", "no PI: track with a random device_id", [], "track('screen_view', {screen}, {device_id: uuid})",
    async () => { await amp.track("screen_view", { screen: "home" }, { device_id: crypto.randomUUID() }).promise;
      await amp.flush().promise; });
}

async function sentry() {
  const Sentry = require("@sentry/node");
  Sentry.init({ dsn: "https://3f2a9c1b7d5e4a6b8c0d2e4f6a8b0c1d@o447951.ingest.sentry.io/5434472",
    defaultIntegrations: false, sendDefaultPii: false, serverName: "bench-host", release: "shop@3.2.1",
    tracesSampleRate: 0, skipOpenTelemetrySetup: true });
  await call("sentry", "message envelope: user id the IMEI, email; tags phone",
    ["device.imei", "contact.email", "contact.phone_number"],
    "setUser({id: imei, email}); setTag('phone', phone); captureMessage",
    async () => { Sentry.setUser({ id: P.imei, email: P.email }); Sentry.setTag("phone", P.phone);
      Sentry.captureMessage("checkout failed"); await Sentry.flush(5000); });
  await call("sentry", "no PI: message without user or tags", [], "setUser(null); captureMessage",
    async () => { Sentry.setUser(null); Sentry.setTag("phone", undefined); Sentry.captureMessage("cache full");
      await Sentry.flush(5000); });
}

async function rudderstack() {
  const Analytics = require("@rudderstack/rudder-sdk-node");
  const ra = new Analytics("2Bench7Wk3yRudd3rSt4ckQ9zXp1L",
    { dataPlaneUrl: "https://benchshopqcnb.dataplane.rudderstack.com", flushAt: 1, flushInterval: 100 });
  await call("rudderstack", "identify: userId the e-mail, traits name/phone, context.device.advertisingId",
    ["contact.email", "identity.name", "contact.phone_number", "device.gaid"],
    "identify({userId: email, traits: {name, phone}, context.device.advertisingId})",
    () => new Promise((res, rej) => { ra.identify({ userId: P.email, traits: { name: P.name_latin,
      phone: P.phone_e164 }, context: { device: { advertisingId: P.gaid } } }); ra.flush(cb(res, rej)); }));
  await call("rudderstack", "track: IMEI as anonymousId, properties android_id",
    ["device.imei", "device.android_id"],
    "track({anonymousId: imei, properties: {android_id}})",
    () => new Promise((res, rej) => { ra.track({ anonymousId: P.imei, event: "Product Viewed",
      properties: { android_id: P.android_id, sku: "A-17" } }); ra.flush(cb(res, rej)); }));
  await call("rudderstack", "no PI: track, random UUID as anonymousId", [], "track({anonymousId: uuid})",
    () => new Promise((res, rej) => { ra.track({ anonymousId: crypto.randomUUID(), event: "Home Viewed",
      properties: { path: "/home" } }); ra.flush(cb(res, rej)); }));
}

async function facebook() {
  const biz = require("facebook-nodejs-business-sdk");
  const token = "EAABbenchTOKEN0123456789abcdefABCDEF";
  biz.FacebookAdsApi.init(token);
  const user = new biz.UserData().setEmail(P.email).setPhone(P.phone_e164).setMadid(P.gaid)
    .setClientIpAddress(P.ip).setClientUserAgent("Mozilla/5.0 (Linux; Android 13)");
  const ev = new biz.ServerEvent().setEventName("Purchase").setEventTime(1765000000)
    .setUserData(user).setCustomData(new biz.CustomData().setCurrency("usd").setValue(19.9))
    .setActionSource("app");
  await call("facebook-analytics", "Conversions API: user_data em/ph (SHA-256 by the SDK), madid",
    ["contact.email", "contact.phone_number", "device.gaid"],
    "UserData.setEmail/setPhone (hashed sha256 by the SDK) + setMadid(gaid); client_ip_address (no PI type)",
    () => new biz.EventRequest(token, "1234567890123456").setEvents([ev]).execute());
}

async function sensors() {
  const SensorsAnalytics = require("sa-sdk-node").default || require("sa-sdk-node");
  const sa = new SensorsAnalytics();
  sa.submitTo({ url: "https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default", gzip: true,
    mode: "track" });
  await call("sensors-analytics", "track: Android ID as distinctId, properties imei/phone",
    ["device.android_id", "device.imei", "contact.phone_number"],
    "track(android_id, 'AppStart', {imei, phone})",
    async () => { sa.track(P.android_id, "AppStart", { imei: P.imei, phone: P.phone }); await sleep(1500); });
  await call("sensors-analytics", "profileSet: e-mail as distinctId, name/oaid",
    ["contact.email", "identity.name", "device.oaid"],
    "profileSet(email, {name, oaid})",
    async () => { sa.profileSet(P.email, { name: P.name, oaid: P.oaid }); await sleep(1500); });
  await call("sensors-analytics", "no PI: track, random UUID as distinctId", [], "track(uuid, 'PageView', {path})",
    async () => { sa.track(crypto.randomUUID(), "PageView", { path: "/home" }); await sleep(1500); });
}

const DRIVERS = { "mixpanel-node": mixpanel, "posthog-node": posthog, "segment-node": segment,
  "amplitude-node": amplitude, "sentry-node": sentry, "rudderstack-node": rudderstack,
  "facebook-analytics-node": facebook, "sensors-analytics-node": sensors };

(async () => {
  const names = process.argv.slice(2);
  for (const n of names.length ? names : Object.keys(DRIVERS)) await DRIVERS[n]();
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
