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

// One call, one request (or `requests` of them, each holding every label: the driver states it, the bench checks).
async function call(sdk, name, labels, why, fn, lang = "node", requests = 1) {
  const t0 = Date.now() / 1000;
  await fn();
  await sleep(GAP);
  const t1 = Date.now() / 1000;
  fs.appendFileSync(process.env.SDKBENCH_TRUTH, JSON.stringify(
    { sdk, lang, call: name, t0, t1, labels: [...labels].sort(), why, requests }) + "\n");
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

async function thinkingdata() {
  const TA = require("thinkingdata-node");
  const ta = TA.initWithBatchMode("4f2c8a1d6e9b4c7a8d3e5f1a2b6c9d0e", "https://receiver.ta.thinkingdata.cn",
    { batchSize: 1, compress: true });   // gzip body, announced by a "compress: gzip" header
  await call("thinkingdata", "track: account_id the phone, distinct_id the OAID, properties imei/lat/lng",
    ["contact.phone_number", "device.oaid", "device.imei", "location.precise"],
    "track({accountId: phone, distinctId: oaid, properties: {imei, lat, lng}})",
    async () => { ta.track({ accountId: P.phone, distinctId: P.oaid, event: "order_paid",
      properties: { imei: P.imei, lat: P.lat, lng: P.lng, amount: 88 } }); await sleep(1000); });
  await call("thinkingdata", "user_set: account_id the e-mail, properties name/android_id",
    ["contact.email", "identity.name", "device.android_id"],
    "userSet({accountId: email, properties: {name, android_id}})",
    async () => { ta.userSet({ accountId: P.email, properties: { name: P.name, android_id: P.android_id } });
      await sleep(1000); });
  await call("thinkingdata", "no PI: track, random UUID as distinct_id", [], "track({distinctId: uuid})",
    async () => { ta.track({ distinctId: crypto.randomUUID(), event: "page_view", properties: { page: "home" } });
      await sleep(1000); });
}

async function jpush() {
  const { JPushAsync } = require("jpush-async");
  const client = JPushAsync.buildClient("5d3f2b1a9c8e7d6f5a4b3c2d", "1a2b3c4d5e6f7a8b9c0d1e2f", 0, false);
  const regId = "1a0018970a2b3c4d5e6";   // JPush's own registration id
  await call("jpush", "device API: set the mobile number of a registration id", ["contact.phone_number"],
    "setMobile(registration_id, mobile)", () => client.setMobile(regId, P.phone));
  await call("jpush", "device API: alias the e-mail", ["contact.email"],
    "updateDeviceTagAlias(registration_id, alias=email, tags)",
    () => client.updateDeviceTagAlias(regId, P.email, false, ["vip"], []));
  await call("jpush", "push API: audience alias the phone", ["contact.phone_number"],
    "push().setAudience(alias(phone)).setNotification('...')",
    () => client.push().setPlatform(JPushAsync.ALL).setAudience(JPushAsync.alias(P.phone))
      .setNotification("Your order has shipped").send());
  await call("jpush", "no PI: push to a tag", [], "push().setAudience(tag('vip'))",
    () => client.push().setPlatform(JPushAsync.ALL).setAudience(JPushAsync.tag("vip"))
      .setNotification("Weekend sale").send());
}

// --- browser SDKs, each in its own jsdom window (a web page or an app's WebView at https://shop.example.com/) ---

function page() {
  const { JSDOM } = require("jsdom");
  const dom = new JSDOM("<!doctype html><html><head><title>Shop</title></head><body><p>shop</p></body></html>", {
    url: "https://shop.example.com/cart", referrer: "https://shop.example.com/", runScripts: "outside-only",
    pretendToBeVisual: true,
    resources: { userAgent: "Mozilla/5.0 (Linux; Android 13; M2102K1C) AppleWebKit/537.36 (KHTML, like Gecko) " +
      "Chrome/124.0 Mobile Safari/537.36", dispatcher: new undici.ProxyAgent(proxy) } });
  return dom.window;
}

function load(win, modulePath) {
  win.eval(fs.readFileSync(require.resolve(modulePath), "utf8"));
}

// A package with no browser bundle of its own, bundled as a page would (esbuild, IIFE) and run in the window.
function bundle(win, moduleName, globalName) {
  const out = require("esbuild").buildSync({ stdin: { contents: `window.${globalName} = require("${moduleName}");`,
    resolveDir: __dirname }, bundle: true, format: "iife", platform: "browser", write: false, logLevel: "error" });
  win.eval(out.outputFiles[0].text);
}

// jsdom has no fetch: the window gets undici's, through the same proxy (a page's fetch, minus CORS checks).
function withFetch(win) {
  const agent = new undici.ProxyAgent(proxy);
  win.fetch = (url, opts = {}) => undici.fetch(url, { ...opts, dispatcher: agent });
  return win;
}

async function callB(sdk, name, labels, why, fn, requests = 1, wait = 1200) {
  await call(sdk, name, labels, why, async () => { await fn(); await sleep(wait); }, "browser", requests);
}

async function mixpanelBrowser() {
  const win = page();
  load(win, "mixpanel-browser/dist/mixpanel.umd.js");
  const mp = win.mixpanel;
  mp.init("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7", { batch_requests: false, track_pageview: false,
    persistence: "localStorage", ip: false });   // api-js.mixpanel.com
  await sleep(500);
  await callB("mixpanel", "identify: the IMEI as distinct id", ["device.imei"],
    "identify(imei): an $identify event and a people $set_once of the initial referrer, both under the IMEI",
    () => mp.identify(P.imei), 2);
  await callB("mixpanel", "people.set $email/$phone/$name", ["device.imei", "contact.email",
    "contact.phone_number", "identity.name"], "people.set({$email, $phone, $name}) (distinct id the IMEI)",
    () => mp.people.set({ $email: P.email, $phone: P.phone, $name: P.name_latin }));
  await callB("mixpanel", "track: properties gaid/lat/lng", ["device.imei", "device.gaid", "location.precise"],
    "track('store_visit', {gaid, lat, lng}) (distinct id the IMEI)",
    () => mp.track("store_visit", { gaid: P.gaid, lat: P.lat, lng: P.lng }));
  await callB("mixpanel", "no PI: after reset(), track under the SDK's random device id", [],
    "reset(); track('page_view', {page})", () => { mp.reset(); mp.track("page_view", { page: "/home" }); });
  win.close();
}

async function posthogBrowser() {
  const win = page();
  load(win, "posthog-js/dist/array.full.js");
  const ph = win.posthog;
  ph.init("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", { api_host: "https://us.i.posthog.com",
    autocapture: false, capture_pageview: false, capture_pageleave: false, disable_session_recording: true,
    advanced_disable_flags: true, disable_surveys: true, request_batching: false, persistence: "localStorage" });
  await sleep(500);
  await callB("posthog", "identify: the phone as distinct id, $set email/name",
    ["contact.phone_number", "contact.email", "identity.name"],
    "identify(phone, {email, name}) ($identify event with $set)",
    () => ph.identify(P.phone, { email: P.email, name: P.name_latin }));
  await callB("posthog", "capture: properties oaid/imei", ["contact.phone_number", "device.oaid", "device.imei"],
    "capture('coupon_used', {oaid, imei}) (distinct id the phone)",
    () => ph.capture("coupon_used", { oaid: P.oaid, imei: P.imei }));
  await callB("posthog", "no PI: after reset(), capture under the SDK's random id", [],
    "reset(); capture('$pageview')", () => { ph.reset(); ph.capture("$pageview"); });
  win.close();
}

async function amplitudeBrowser() {
  const win = page();
  load(win, "@amplitude/analytics-browser/lib/scripts/amplitude-min.js");
  const amp = win.amplitude;
  await amp.init("a1b2c3d4e5f60718293a4b5c6d7e8f90", { transport: "xhr", flushQueueSize: 1,
    flushIntervalMillis: 100, autocapture: false, fetchRemoteConfig: false }).promise;   // api2.amplitude.com
  await sleep(300);
  await callB("amplitude", "track: user_id the e-mail, event_properties android_id",
    ["contact.email", "device.android_id"], "setUserId(email); track('sign_in', {android_id})",
    async () => { amp.setUserId(P.email); await amp.track("sign_in", { android_id: P.android_id }).promise; });
  await callB("amplitude", "identify: user_properties $set name/phone", ["contact.email", "identity.name",
    "contact.phone_number"], "identify(new Identify().set('name').set('phone')) (user_id the e-mail)",
    async () => { await amp.identify(new amp.Identify().set("name", P.name_latin).set("phone", P.phone)).promise; });
  await callB("amplitude", "no PI: after reset(), track under the SDK's random device id", [],
    "reset(); track('page_view')", async () => { amp.reset(); await amp.track("page_view", { page: "/" }).promise; });
  win.close();
}

async function sensorsBrowser() {
  const win = page();
  load(win, "sa-sdk-javascript/sensorsdata.min.js");
  const sa = win.sensorsDataAnalytic201505;
  sa.init({ server_url: "https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default", send_type: "ajax",
    is_track_single_page: false, heatmap: { clickmap: "not_collect", scroll_notice_map: "not_collect" },
    show_log: false, batch_send: false });
  await sleep(500);
  await callB("sensors-analytics", "login: the phone as login id", ["contact.phone_number"],
    "login(phone) ($SignUp / bind event)", () => sa.login(P.phone));
  await callB("sensors-analytics", "track: properties imei/oaid", ["contact.phone_number", "device.imei",
    "device.oaid"], "track('BuyProduct', {imei, oaid}) (login id the phone)",
    () => sa.track("BuyProduct", { imei: P.imei, oaid: P.oaid }));
  await callB("sensors-analytics", "setProfile: email/name", ["contact.phone_number", "contact.email",
    "identity.name"], "setProfile({email, name}) (login id the phone)",
    () => sa.setProfile({ email: P.email, name: P.name }));
  win.close();
}

async function adjustBrowser() {
  const win = page();
  load(win, "@adjustcom/adjust-web-sdk/dist/adjust-latest.js");
  const adj = win.Adjust;
  await callB("adjust", "no PI: initSdk (the SDK's session start)", [], "initSdk({appToken, environment})",
    () => adj.initSdk({ appToken: "2fm9gkqubvpc", environment: "production", logLevel: "none" }), 1, 3000);
  await callB("adjust", "trackEvent: callback params email/phone (app-chosen keys)", ["contact.email",
    "contact.phone_number"], "trackEvent({eventToken, callbackParams: [{key: email}, {key: phone}]})",
    () => adj.trackEvent({ eventToken: "g3mfiw", callbackParams: [{ key: "email", value: P.email },
      { key: "phone", value: P.phone }] }), 1, 3000);
  win.close();
}

async function sentryBrowser() {
  const win = withFetch(page());
  bundle(win, "@sentry/browser", "Sentry");
  const S = win.Sentry;
  S.init({ dsn: "https://3f2a9c1b7d5e4a6b8c0d2e4f6a8b0c1d@o447951.ingest.sentry.io/5434472",
    defaultIntegrations: false, sendDefaultPii: false, release: "shop-web@3.2.1", sendClientReports: false });
  await callB("sentry", "message envelope: user email/id the phone, extra gaid",
    ["contact.email", "contact.phone_number", "device.gaid"],
    "setUser({id: phone, email}); setExtra('gaid', gaid); captureMessage",
    async () => { S.setUser({ id: P.phone, email: P.email }); S.setExtra("gaid", P.gaid);
      S.captureMessage("payment sheet failed"); await S.flush(5000); });
  await callB("sentry", "no PI: message without user", [], "setUser(null); captureMessage",
    async () => { S.setUser(null); S.setExtra("gaid", undefined); S.captureMessage("slow image");
      await S.flush(5000); });
  win.close();
}

async function segmentBrowser() {
  const win = withFetch(page());
  bundle(win, "@segment/analytics-next", "SegmentNext");
  const writeKey = "benchWriteKey0a1b2c3d4e5f6a7b8";
  const [an] = await win.SegmentNext.AnalyticsBrowser.load({ writeKey,
    cdnSettings: { integrations: { "Segment.io": { apiKey: writeKey } } } }, { disableClientPersistence: false });
  await sleep(300);
  await callB("segment", "identify: userId the e-mail, traits phone/name", ["contact.email",
    "contact.phone_number", "identity.name"], "identify(email, {phone, name})",
    () => an.identify(P.email, { phone: P.phone, name: P.name_latin }));
  await callB("segment", "track: properties imei/oaid (user the e-mail)", ["contact.email", "device.imei",
    "device.oaid"], "track('Coupon Applied', {imei, oaid})",
    () => an.track("Coupon Applied", { imei: P.imei, oaid: P.oaid }));
  await callB("segment", "no PI: after reset(), page under the SDK's random anonymousId", [],
    "reset(); page('Home')", async () => { an.reset(); await an.page("Home"); });
  win.close();
}

const DRIVERS = { "mixpanel-node": mixpanel, "posthog-node": posthog, "segment-node": segment,
  "amplitude-node": amplitude, "sentry-node": sentry, "rudderstack-node": rudderstack,
  "facebook-analytics-node": facebook, "sensors-analytics-node": sensors, "thinkingdata-node": thinkingdata,
  "jpush-node": jpush, "mixpanel-browser": mixpanelBrowser,
  "posthog-browser": posthogBrowser, "amplitude-browser": amplitudeBrowser, "sensors-analytics-browser": sensorsBrowser,
  "adjust-browser": adjustBrowser, "sentry-browser": sentryBrowser,
  "segment-browser": segmentBrowser };

// --- the held-out set (SDKBENCH_SET=heldout): other calls and fields, the second phone ---------------------

async function mixpanelH() {
  const mp = require("mixpanel").init("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7");
  await call("mixpanel", "alias: the e-mail as alias of a random id", ["contact.email"],
    "alias(distinct_id=uuid, alias=email) ($create_alias)",
    () => new Promise((res, rej) => mp.alias(crypto.randomUUID(), P.email, cb(res, rej))));
  await call("mixpanel", "people.set_once: OAID as distinct_id, $phone", ["device.oaid", "contact.phone_number"],
    "people.set_once(oaid, {$phone})",
    () => new Promise((res, rej) => mp.people.set_once(P.oaid, { $phone: P.phone }, cb(res, rej))));
}

async function posthogH() {
  const { PostHog } = require("posthog-node");
  const ph = new PostHog("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", { flushAt: 1, flushInterval: 0 });
  await call("posthog", "alias: the e-mail and the IMEI", ["contact.email", "device.imei"],
    "alias({distinctId: email, alias: imei})",
    async () => { ph.alias({ distinctId: P.email, alias: P.imei }); await ph.flush(); });
  await ph.shutdown();
}

async function segmentH() {
  const { Analytics } = require("@segment/analytics-node");
  const an = new Analytics({ writeKey: "benchWriteKey0a1b2c3d4e5f6a7b8", maxEventsInBatch: 1 });
  await call("segment", "group: traits email", ["contact.email"], "group({userId, groupId, traits: {email}})",
    () => new Promise((res, rej) => an.group({ userId: "u-77", groupId: "g-1", traits: { email: P.email } },
      cb(res, rej))));
  await an.closeAndFlush();
}

async function thinkingdataH() {
  const TA = require("thinkingdata-node");
  const ta = TA.initWithBatchMode("4f2c8a1d6e9b4c7a8d3e5f1a2b6c9d0e", "https://receiver.ta.thinkingdata.cn",
    { batchSize: 1, compress: true });
  await call("thinkingdata", "user_setOnce: IMEI as account_id, email", ["device.imei", "contact.email"],
    "userSetOnce({accountId: imei, properties: {email}})",
    async () => { ta.userSetOnce({ accountId: P.imei, properties: { email: P.email } }); await sleep(1000); });
}

async function jpushH() {
  const { JPushAsync } = require("jpush-async");
  const client = JPushAsync.buildClient("5d3f2b1a9c8e7d6f5a4b3c2d", "1a2b3c4d5e6f7a8b9c0d1e2f", 0, false);
  await call("jpush", "push: notification extras carry the phone", ["contact.phone_number"],
    "push().setAudience(registration_id).setNotification(android(alert, title, 1, {phone}))",
    () => client.push().setPlatform(JPushAsync.ALL).setAudience(JPushAsync.registration_id("1a0018970a2b3c4d5e6"))
      .setNotification("Courier calling", JPushAsync.android("Courier calling", "Order", 1, { phone: P.phone }))
      .send());
}

async function sensorsH() {
  const SensorsAnalytics = require("sa-sdk-node").default || require("sa-sdk-node");
  const sa = new SensorsAnalytics();
  sa.submitTo({ url: "https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default", gzip: true,
    mode: "track" });
  await call("sensors-analytics", "trackSignup: the phone as login id", ["contact.phone_number"],
    "trackSignup(phone, uuid)", async () => { sa.trackSignup(P.phone, crypto.randomUUID()); await sleep(1500); });
}

async function mixpanelBrowserH() {
  const win = page();
  load(win, "mixpanel-browser/dist/mixpanel.umd.js");
  const mp = win.mixpanel;
  mp.init("0f3c2a9d5e7b41c6a8d2e4f6b1c3d5e7", { batch_requests: false, track_pageview: false,
    persistence: "localStorage", ip: false });
  await sleep(500);
  await callB("mixpanel", "register a super property oaid, then track", ["device.oaid"],
    "register({oaid}); track('open_app')", () => { mp.register({ oaid: P.oaid }); mp.track("open_app"); });
  win.close();
}

async function posthogBrowserH() {
  const win = page();
  load(win, "posthog-js/dist/array.full.js");
  const ph = win.posthog;
  ph.init("phc_benchQk2v8pL3xN5mR7tY9wZ1aC4eG6iK8oS0uB2dF4h", { api_host: "https://us.i.posthog.com",
    autocapture: false, capture_pageview: false, capture_pageleave: false, disable_session_recording: true,
    advanced_disable_flags: true, disable_surveys: true, request_batching: false, persistence: "localStorage" });
  await sleep(500);
  await callB("posthog", "setPersonProperties: $set email, $set_once phone", ["contact.email",
    "contact.phone_number"], "setPersonProperties({email}, {phone}) ($set event)",
    () => ph.setPersonProperties({ email: P.email }, { phone: P.phone }));
  win.close();
}

async function amplitudeBrowserH() {
  const win = page();
  load(win, "@amplitude/analytics-browser/lib/scripts/amplitude-min.js");
  const amp = win.amplitude;
  await amp.init("a1b2c3d4e5f60718293a4b5c6d7e8f90", { transport: "xhr", flushQueueSize: 1,
    flushIntervalMillis: 100, autocapture: false, fetchRemoteConfig: false }).promise;
  await sleep(300);
  await callB("amplitude", "track: the phone as user id, property mac", ["contact.phone_number", "device.mac"],
    "setUserId(phone); track('wifi_bind', {mac})",
    async () => { amp.setUserId(P.phone); await amp.track("wifi_bind", { mac: P.wifi_mac }).promise; });
  win.close();
}

async function sensorsBrowserH() {
  const win = page();
  load(win, "sa-sdk-javascript/sensorsdata.min.js");
  const sa = win.sensorsDataAnalytic201505;
  sa.init({ server_url: "https://sdkdebugtest.datasink.sensorsdata.cn/sa?project=default", send_type: "ajax",
    is_track_single_page: false, heatmap: { clickmap: "not_collect", scroll_notice_map: "not_collect" },
    show_log: false, batch_send: false });
  await sleep(500);
  await callB("sensors-analytics", "registerPage imei, then track", ["device.imei"],
    "registerPage({imei}); track('ViewPage')", () => { sa.registerPage({ imei: P.imei }); sa.track("ViewPage"); });
  win.close();
}

async function segmentBrowserH() {
  const win = withFetch(page());
  bundle(win, "@segment/analytics-next", "SegmentNext");
  const writeKey = "benchWriteKey0a1b2c3d4e5f6a7b8";
  const [an] = await win.SegmentNext.AnalyticsBrowser.load({ writeKey,
    cdnSettings: { integrations: { "Segment.io": { apiKey: writeKey } } } });
  await sleep(300);
  await callB("segment", "alias: the phone as the new user id", ["contact.phone_number"], "alias(phone)",
    () => an.alias(P.phone));
  win.close();
}

const HELDOUT = { "mixpanel-node": mixpanelH, "posthog-node": posthogH, "segment-node": segmentH,
  "thinkingdata-node": thinkingdataH, "jpush-node": jpushH, "sensors-analytics-node": sensorsH,
  "mixpanel-browser": mixpanelBrowserH, "posthog-browser": posthogBrowserH, "amplitude-browser": amplitudeBrowserH,
  "sensors-analytics-browser": sensorsBrowserH, "segment-browser": segmentBrowserH };

let finished = false;
process.on("exit", () => {   // a promise no library ever settles ends node quietly with 0: not here
  if (!finished) { console.error("drive.js: stopped before every driver finished"); process.exitCode = 1; }
});
(async () => {
  const chosen = process.env.SDKBENCH_SET === "heldout" ? HELDOUT : DRIVERS;
  const names = process.argv.slice(2);
  for (const n of names.length ? names : Object.keys(chosen)) await chosen[n]();
  finished = true;
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
