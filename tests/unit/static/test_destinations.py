"""Where a network sink call sends: one small program per way the code fixes the host, each with a twin
whose URL comes from outside (an intent extra) and so has no destinations."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.kb.catalogue import load_kb
from analyzer.static.scan import scan_apk
from bench.hostile import IMEI_INTO_V0, LAUNCHER, ctor, permission_apk, smali_dex

PHONE = "android.permission.READ_PHONE_STATE"
URL = "https://api.example.com/v1/upload"
ORIGIN = "https://api.example.com"


def _const(reg: str, value: str) -> str:
    return f'    const-string {reg}, "{value}"\n'


def _user(reg: str) -> str:
    """A string the app is handed (an intent extra) into ``reg``."""
    return (f"    invoke-virtual {{p0}}, Landroid/app/Activity;->getIntent()Landroid/content/Intent;\n"
            f"    move-result-object {reg}\n"
            f'    const-string v8, "u"\n'
            f"    invoke-virtual {{{reg}, v8}}, Landroid/content/Intent;->getStringExtra(Ljava/lang/String;)"
            f"Ljava/lang/String;\n    move-result-object {reg}\n")


def _write(stream: str) -> str:
    """The IMEI (``v0``) written to ``stream``."""
    return ("    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B\n    move-result-object v9\n"
            f"    invoke-virtual {{{stream}, v9}}, Ljava/io/OutputStream;->write([B)V\n")


def _post(url: str) -> str:
    """``new URL(url).openConnection().getOutputStream().write(imei)``."""
    return (f"    new-instance v2, Ljava/net/URL;\n"
            f"    invoke-direct {{v2, {url}}}, Ljava/net/URL;-><init>(Ljava/lang/String;)V\n"
            "    invoke-virtual {v2}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;\n"
            "    move-result-object v3\n    check-cast v3, Ljava/net/HttpURLConnection;\n"
            "    invoke-virtual {v3}, Ljava/net/HttpURLConnection;->getOutputStream()Ljava/io/OutputStream;\n"
            "    move-result-object v4\n" + _write("v4"))


def _activity(code: str, extra: str = "") -> str:
    return ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers 12
{IMEI_INTO_V0}{code}    return-void
.end method
{extra}"""


CFG = "Lcom/piflow/sample/notes/Cfg;"
CLIENT = "Lcom/piflow/sample/notes/Client;"
HTTP = "Lcom/piflow/sample/notes/HttpUtil;"
API = "Lcom/piflow/sample/notes/Api;"


def local(known: bool) -> dict[str, str]:
    """The URL in a local register."""
    return {"M.smali": _activity((_const("v1", URL) if known else _user("v1")) + _post("v1"))}


def static_field(known: bool) -> dict[str, str]:
    """A static base URL set by the class initialiser (and, in the twin, overwritten from outside)."""
    override = "" if known else _user("v1") + f"    sput-object v1, {CFG}->BASE:Ljava/lang/String;\n"
    return {
        "M.smali": _activity(override + f"    sget-object v1, {CFG}->BASE:Ljava/lang/String;\n"
                             + _post("v1")),
        "C.smali": f""".class public {CFG}
.super Ljava/lang/Object;
.field public static BASE:Ljava/lang/String;
.method static constructor <clinit>()V
    .registers 1
    const-string v0, "{URL}"
    sput-object v0, {CFG}->BASE:Ljava/lang/String;
    return-void
.end method
""",
    }


def ctor_field(known: bool) -> dict[str, str]:
    """A client whose constructor keeps the URL in an instance field its send method reads."""
    url = _const("v1", URL) if known else _user("v1")
    return {
        "M.smali": _activity(url + f"    new-instance v5, {CLIENT}\n"
                             f"    invoke-direct {{v5, v1}}, {CLIENT}-><init>(Ljava/lang/String;)V\n"
                             f"    invoke-virtual {{v5, v0}}, {CLIENT}->send(Ljava/lang/String;)V\n"),
        "C.smali": f""".class public {CLIENT}
.super Ljava/lang/Object;
.field private final url:Ljava/lang/String;
.method public constructor <init>(Ljava/lang/String;)V
    .registers 2
    invoke-direct {{p0}}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, {CLIENT}->url:Ljava/lang/String;
    return-void
.end method
.method public send(Ljava/lang/String;)V
    .registers 12
    move-object v0, p1
    iget-object v1, p0, {CLIENT}->url:Ljava/lang/String;
{_post("v1")}    return-void
.end method
""",
    }


def parameter(known: bool) -> dict[str, str]:
    """``HttpUtil.post(url, body)`` called with a constant URL."""
    url = _const("v1", URL) if known else _user("v1")
    return {
        "M.smali": _activity(url + f"    invoke-static {{v1, v0}}, {HTTP}->post(Ljava/lang/String;"
                                   "Ljava/lang/String;)V\n"),
        "H.smali": f""".class public {HTTP}
.super Ljava/lang/Object;
.method public static post(Ljava/lang/String;Ljava/lang/String;)V
    .registers 12
    move-object v0, p1
    move-object v1, p0
{_post("v1")}    return-void
.end method
""",
    }


def string_builder(known: bool) -> dict[str, str]:
    """``new URL("https://host/u?id=" + imei).openStream()``: the constant prefix fixes the host."""
    head = _const("v1", URL + "?id=") if known else _user("v1")
    return {"M.smali": _activity(
        head + "    new-instance v6, Ljava/lang/StringBuilder;\n"
        "    invoke-direct {v6, v1}, Ljava/lang/StringBuilder;-><init>(Ljava/lang/String;)V\n"
        "    invoke-virtual {v6, v0}, Ljava/lang/StringBuilder;->append(Ljava/lang/String;)"
        "Ljava/lang/StringBuilder;\n    move-result-object v6\n"
        "    invoke-virtual {v6}, Ljava/lang/StringBuilder;->toString()Ljava/lang/String;\n"
        "    move-result-object v1\n"
        "    new-instance v2, Ljava/net/URL;\n"
        "    invoke-direct {v2, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V\n"
        "    invoke-virtual {v2}, Ljava/net/URL;->openStream()Ljava/io/InputStream;\n")}


def okhttp(known: bool) -> dict[str, str]:
    """``client.newCall(new Request.Builder().url(URL).post(RequestBody.create(null, imei)).build())
    .execute()``."""
    url = _const("v1", URL) if known else _user("v1")
    rb = "Lokhttp3/Request$Builder;"
    return {"M.smali": _activity(
        url + f"    new-instance v2, {rb}\n    invoke-direct {{v2}}, {rb}-><init>()V\n"
        f"    invoke-virtual {{v2, v1}}, {rb}->url(Ljava/lang/String;){rb}\n    move-result-object v2\n"
        "    const/4 v7, 0x0\n"
        "    invoke-static {v7, v0}, Lokhttp3/RequestBody;->create(Lokhttp3/MediaType;Ljava/lang/String;)"
        "Lokhttp3/RequestBody;\n    move-result-object v3\n"
        f"    invoke-virtual {{v2, v3}}, {rb}->post(Lokhttp3/RequestBody;){rb}\n    move-result-object v2\n"
        f"    invoke-virtual {{v2}}, {rb}->build()Lokhttp3/Request;\n    move-result-object v3\n"
        "    new-instance v4, Lokhttp3/OkHttpClient;\n"
        "    invoke-direct {v4}, Lokhttp3/OkHttpClient;-><init>()V\n"
        "    invoke-virtual {v4, v3}, Lokhttp3/OkHttpClient;->newCall(Lokhttp3/Request;)Lokhttp3/Call;\n"
        "    move-result-object v5\n"
        "    invoke-interface {v5}, Lokhttp3/Call;->execute()Lokhttp3/Response;\n")}


NOTIFIER = "Lcom/piflow/sample/notes/Notifier;"
CREATE = "Lokhttp3/RequestBody;->create(Lokhttp3/MediaType;Ljava/lang/String;)Lokhttp3/RequestBody;"


def body_handed_on(known: bool) -> dict[str, str]:
    """The sink makes a request body; an app method it is handed to builds the request around it
    (``post(url, body)`` with the URL a constant of the caller's)."""
    url = _const("v1", URL) if known else _user("v1")
    rb = "Lokhttp3/Request$Builder;"
    return {
        "M.smali": _activity(url + f"    invoke-static {{v1, v0}}, {NOTIFIER}->notify(Ljava/lang/String;"
                                   "Ljava/lang/String;)V\n"),
        "N.smali": f""".class public {NOTIFIER}
.super Ljava/lang/Object;
.method public static notify(Ljava/lang/String;Ljava/lang/String;)V
    .registers 4
    const/4 v0, 0x0
    invoke-static {{v0, p1}}, {CREATE}
    move-result-object v0
    invoke-static {{p0, v0}}, {NOTIFIER}->post(Ljava/lang/String;Lokhttp3/RequestBody;)V
    return-void
.end method
.method public static post(Ljava/lang/String;Lokhttp3/RequestBody;)V
    .registers 4
    new-instance v0, {rb}
    invoke-direct {{v0}}, {rb}-><init>()V
    invoke-virtual {{v0, p0}}, {rb}->url(Ljava/lang/String;){rb}
    move-result-object v0
    invoke-virtual {{v0, p1}}, {rb}->post(Lokhttp3/RequestBody;){rb}
    return-void
.end method
""",
    }


def retrofit(known: bool) -> dict[str, str]:
    """A Retrofit service made with a constant base URL; the call of its method is sent."""
    url = _const("v1", ORIGIN + "/") if known else _user("v1")
    rb = "Lretrofit2/Retrofit$Builder;"
    return {
        "M.smali": _activity(
            url + f"    new-instance v2, {rb}\n    invoke-direct {{v2}}, {rb}-><init>()V\n"
            f"    invoke-virtual {{v2, v1}}, {rb}->baseUrl(Ljava/lang/String;){rb}\n"
            "    move-result-object v2\n"
            f"    invoke-virtual {{v2}}, {rb}->build()Lretrofit2/Retrofit;\n    move-result-object v3\n"
            f"    const-class v4, {API}\n"
            "    invoke-virtual {v3, v4}, Lretrofit2/Retrofit;->create(Ljava/lang/Class;)Ljava/lang/Object;\n"
            f"    move-result-object v5\n    check-cast v5, {API}\n"
            f"    invoke-interface {{v5, v0}}, {API}->upload(Ljava/lang/String;)Lretrofit2/Call;\n"
            "    move-result-object v6\n"
            "    invoke-interface {v6}, Lretrofit2/Call;->execute()Lretrofit2/Response;\n"),
        "A.smali": f""".class public abstract interface {API}
.super Ljava/lang/Object;
.method public abstract upload(Ljava/lang/String;)Lretrofit2/Call;
    .annotation runtime Lretrofit2/http/POST;
        value = "v1/upload"
    .end annotation
.end method
""",
    }


def volley(known: bool) -> dict[str, str]:
    """``new StringRequest(POST, "https://host/u?id=" + imei, null, null)`` added to a queue."""
    head = _const("v1", URL + "?id=") if known else _user("v1")
    sr = "Lcom/android/volley/toolbox/StringRequest;"
    return {"M.smali": _activity(
        head + "    invoke-virtual {v1, v0}, Ljava/lang/String;->concat(Ljava/lang/String;)"
        "Ljava/lang/String;\n"
        "    move-result-object v1\n    const/4 v7, 0x1\n    const/4 v6, 0x0\n"
        f"    new-instance v2, {sr}\n"
        f"    invoke-direct {{v2, v7, v1, v6, v6}}, {sr}-><init>(ILjava/lang/String;"
        "Lcom/android/volley/Response$Listener;Lcom/android/volley/Response$ErrorListener;)V\n")}


def socket(known: bool) -> dict[str, str]:
    """``new Socket("collector.example.com", 9000).getOutputStream().write(imei)``."""
    host = _const("v1", "collector.example.com") if known else _user("v1")
    return {"M.smali": _activity(
        host + "    const/16 v7, 0x2328\n    new-instance v2, Ljava/net/Socket;\n"
        "    invoke-direct {v2, v1, v7}, Ljava/net/Socket;-><init>(Ljava/lang/String;I)V\n"
        "    invoke-virtual {v2}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;\n"
        "    move-result-object v4\n" + _write("v4"))}


def socket_address(known: bool) -> dict[str, str]:
    """``new Socket()`` connected to ``new InetSocketAddress("collector.example.com", 9000)``."""
    host = _const("v1", "collector.example.com") if known else _user("v1")
    return {"M.smali": _activity(
        host + "    const/16 v7, 0x2328\n    new-instance v5, Ljava/net/InetSocketAddress;\n"
        "    invoke-direct {v5, v1, v7}, Ljava/net/InetSocketAddress;-><init>(Ljava/lang/String;I)V\n"
        "    new-instance v2, Ljava/net/Socket;\n    invoke-direct {v2}, Ljava/net/Socket;-><init>()V\n"
        "    invoke-virtual {v2, v5}, Ljava/net/Socket;->connect(Ljava/net/SocketAddress;)V\n"
        "    invoke-virtual {v2}, Ljava/net/Socket;->getOutputStream()Ljava/io/OutputStream;\n"
        "    move-result-object v4\n" + _write("v4"))}


def apache(known: bool) -> dict[str, str]:
    """``client.execute(post)`` of ``new HttpPost(URL)`` whose entity holds the IMEI."""
    url = _const("v1", URL) if known else _user("v1")
    post, entity = "Lorg/apache/http/client/methods/HttpPost;", "Lorg/apache/http/entity/StringEntity;"
    client = "Lorg/apache/http/impl/client/DefaultHttpClient;"
    return {"M.smali": _activity(
        url + f"    new-instance v2, {post}\n"
        f"    invoke-direct {{v2, v1}}, {post}-><init>(Ljava/lang/String;)V\n"
        f"    new-instance v3, {entity}\n"
        f"    invoke-direct {{v3, v0}}, {entity}-><init>(Ljava/lang/String;)V\n"
        f"    invoke-virtual {{v2, v3}}, {post}->setEntity(Lorg/apache/http/HttpEntity;)V\n"
        f"    new-instance v4, {client}\n    invoke-direct {{v4}}, {client}-><init>()V\n"
        f"    invoke-virtual {{v4, v2}}, {client}->execute(Lorg/apache/http/client/methods/HttpUriRequest;)"
        "Lorg/apache/http/HttpResponse;\n")}


def httpurl_builder(known: bool) -> dict[str, str]:
    """``new HttpUrl.Builder().scheme("https").host(HOST).addQueryParameter("id", imei).build()``,
    requested."""
    host = _const("v1", "api.example.com") if known else _user("v1")
    hb, rb = "Lokhttp3/HttpUrl$Builder;", "Lokhttp3/Request$Builder;"
    return {"M.smali": _activity(
        host + f"    new-instance v2, {hb}\n    invoke-direct {{v2}}, {hb}-><init>()V\n"
        + _const("v3", "https") + f"    invoke-virtual {{v2, v3}}, {hb}->scheme(Ljava/lang/String;){hb}\n"
        f"    invoke-virtual {{v2, v1}}, {hb}->host(Ljava/lang/String;){hb}\n"
        + _const("v3", "id") + f"    invoke-virtual {{v2, v3, v0}}, {hb}->addQueryParameter("
        f"Ljava/lang/String;Ljava/lang/String;){hb}\n"
        f"    invoke-virtual {{v2}}, {hb}->build()Lokhttp3/HttpUrl;\n    move-result-object v3\n"
        f"    new-instance v4, {rb}\n    invoke-direct {{v4}}, {rb}-><init>()V\n"
        f"    invoke-virtual {{v4, v3}}, {rb}->url(Lokhttp3/HttpUrl;){rb}\n")}


def string_format(known: bool) -> dict[str, str]:
    """``new URL(String.format("https://host/u?id=%s", imei)).openStream()``."""
    fmt = _const("v1", URL + "?id=%s") if known else _user("v1")
    return {"M.smali": _activity(
        fmt + "    const/4 v7, 0x1\n    new-array v6, v7, [Ljava/lang/Object;\n    const/4 v7, 0x0\n"
        "    aput-object v0, v6, v7\n"
        "    invoke-static {v1, v6}, Ljava/lang/String;->format(Ljava/lang/String;[Ljava/lang/Object;)"
        "Ljava/lang/String;\n    move-result-object v1\n"
        "    new-instance v2, Ljava/net/URL;\n"
        "    invoke-direct {v2, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V\n"
        "    invoke-virtual {v2}, Ljava/net/URL;->openStream()Ljava/io/InputStream;\n")}


def webview(known: bool) -> dict[str, str]:
    """``webView.postUrl(URL, imei.getBytes())``."""
    url = _const("v1", URL) if known else _user("v1")
    return {"M.smali": _activity(
        url + "    new-instance v2, Landroid/webkit/WebView;\n"
        "    invoke-direct {v2, p0}, Landroid/webkit/WebView;-><init>(Landroid/content/Context;)V\n"
        "    invoke-virtual {v0}, Ljava/lang/String;->getBytes()[B\n    move-result-object v9\n"
        "    invoke-virtual {v2, v1, v9}, Landroid/webkit/WebView;->postUrl(Ljava/lang/String;[B)V\n")}


FAMILIES = {
    "local": (local, ORIGIN),
    "body_handed_on": (body_handed_on, ORIGIN),
    "static_field": (static_field, ORIGIN),
    "ctor_field": (ctor_field, ORIGIN),
    "parameter": (parameter, ORIGIN),
    "string_builder": (string_builder, ORIGIN),
    "okhttp": (okhttp, ORIGIN),
    "retrofit": (retrofit, ORIGIN),
    "volley": (volley, ORIGIN),
    "socket": (socket, "tcp://collector.example.com:9000"),
    "socket_address": (socket_address, "tcp://collector.example.com:9000"),
    "apache": (apache, ORIGIN),
    "httpurl_builder": (httpurl_builder, ORIGIN),
    "string_format": (string_format, ORIGIN),
    "webview": (webview, ORIGIN),
}


@pytest.mark.parametrize("known", [True, False], ids=["constant", "from-outside"])
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_sink_destinations(tmp_path: Path, family: str, known: bool) -> None:
    program, origin = FAMILIES[family]
    r = scan_apk(permission_apk(tmp_path / f"{family}.apk", smali_dex(program(known)), PHONE), taint=True)
    sent = [lk for lk in r.leaks if lk.sink_kind in ("network", "webview") and "device.imei" in lk.pi]
    assert sent, f"no network leak of the IMEI in {family}"
    found = {d for lk in sent for d in lk.destinations}
    assert found == ({origin} if known else set())


def test_a_url_in_a_header_is_no_destination(tmp_path: Path) -> None:
    """The connection's URL comes from outside; the IMEI goes out in a header whose value is a constant
    URL with the IMEI appended (a referrer): that URL says nothing about where the request goes."""
    code = (_user("v1") + _const("v5", URL + "?id=") + _const("v6", "Referer")
            + "    invoke-virtual {v5, v0}, Ljava/lang/String;->concat(Ljava/lang/String;)"
            "Ljava/lang/String;\n"
            "    move-result-object v5\n"
            "    new-instance v2, Ljava/net/URL;\n"
            "    invoke-direct {v2, v1}, Ljava/net/URL;-><init>(Ljava/lang/String;)V\n"
            "    invoke-virtual {v2}, Ljava/net/URL;->openConnection()Ljava/net/URLConnection;\n"
            "    move-result-object v3\n    check-cast v3, Ljava/net/HttpURLConnection;\n"
            "    invoke-virtual {v3, v6, v5}, Ljava/net/HttpURLConnection;->setRequestProperty("
            "Ljava/lang/String;Ljava/lang/String;)V\n")
    r = scan_apk(permission_apk(tmp_path / "header.apk", smali_dex({"M.smali": _activity(code)}), PHONE),
                 taint=True)
    sent = [lk for lk in r.leaks if lk.sink_kind == "network" and "device.imei" in lk.pi]
    assert sent and all(lk.destinations == () for lk in sent)


@pytest.mark.parametrize(("cls", "sdk"), [
    ("Lcom/umeng/commonsdk/Uploader;", "umeng-analytics"),  # the SDK's code
    ("Lcom/piflow/sample/notes/Uploader;", ""),             # the app's own
])
def test_an_sdk_sink_the_code_does_not_bind_sends_to_the_sdk_network_signature(
        tmp_path: Path, cls: str, sdk: str) -> None:
    """The URL comes from outside; a sink in a catalogued SDK's code goes to its network signature."""
    expected = {f"https://{h}" for h in load_kb().sdks[sdk].network} if sdk else set()
    assert not sdk or len(expected) >= 2
    call = f"    invoke-static {{v1, v0}}, {cls}->post(Ljava/lang/String;Ljava/lang/String;)V\n"
    sources = {"M.smali": _activity(_user("v1") + call),
               "U.smali": parameter(True)["H.smali"].replace(HTTP, cls)}
    r = scan_apk(permission_apk(tmp_path / "sdk.apk", smali_dex(sources), PHONE), taint=True)
    sent = [lk for lk in r.leaks if lk.sink_kind == "network" and "device.imei" in lk.pi]
    assert sent and {d for lk in sent for d in lk.destinations} == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("v1/upload", ORIGIN),                                          # relative: the base URL's host
    ("https://other.example.org/v1/upload", "https://other.example.org"),  # absolute: its own
])
def test_a_retrofit_method_annotation_naming_an_absolute_url_overrides_the_base(
        tmp_path: Path, path: str, expected: str) -> None:
    sources = retrofit(True)
    sources["A.smali"] = sources["A.smali"].replace('value = "v1/upload"', f'value = "{path}"')
    r = scan_apk(permission_apk(tmp_path / "retrofit.apk", smali_dex(sources), PHONE), taint=True)
    sent = [lk for lk in r.leaks if lk.sink_kind == "network" and "device.imei" in lk.pi]
    assert sent and {d for lk in sent for d in lk.destinations} == {expected}


def test_destinations_round_trip_through_the_scan_json(tmp_path: Path) -> None:
    from analyzer.static.serialize import scan_from_dict, scan_to_dict

    r = scan_apk(permission_apk(tmp_path / "local.apk", smali_dex(local(True)), PHONE), taint=True)
    doc = scan_to_dict(r)
    assert any(lk["destinations"] == [ORIGIN] for lk in doc["leaks"])
    assert scan_from_dict(doc).leaks == r.leaks


@pytest.mark.parametrize("known", [True, False], ids=["constant", "from-outside"])
def test_the_scan_text_report_says_where_a_network_sink_sends(tmp_path: Path, known: bool) -> None:
    import io

    from rich.console import Console

    from analyzer.static.report import render_scan

    r = scan_apk(permission_apk(tmp_path / "local.apk", smali_dex(local(known)), PHONE), taint=True)
    buf = io.StringIO()
    render_scan(r, load_kb(), Console(file=buf, width=400))
    want = f"sends to {ORIGIN}" if known else "sends to a host the code does not fix"
    assert want in buf.getvalue()
