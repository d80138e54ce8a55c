"""Find the third-party SDKs an APK bundles: their code, the manifest entries they bring, their accounts.

Code is the evidence of bundling: classes under an SDK's code prefixes, and for
an SDK that lists entry classes one of those (a data class other libraries
bundle is no proof), unless a shrinker renamed most of its classes. The
manifest is evidence too: the ``<meta-data>`` an integration guide has the
developer write (``UMENG_APPKEY``) and the provider authorities an SDK's own
manifest merges in (``.firebaseinitprovider``) prove the SDK alongside its entry
classes, and alone report it as configured though its code is stripped or
loaded at run time. String resources (``google_app_id``) prove nothing, since
build plugins write every key of a project, but like meta-data values they
name the developer's account with the vendor; secrets in them are masked.
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import urlsplit

from analyzer.apk.appinfo import AppInfo
from analyzer.common.masking import mask
from analyzer.kb.catalogue import KnowledgeBase
from analyzer.model import SDKAccount, SDKHit
from analyzer.program.hierarchy import Program

_SECRET_NAME = re.compile(r"secret|token|password", re.IGNORECASE)


def account_value(name: str, value: str) -> str:
    """``value`` of the meta-data or resource ``name`` as it may be shown: the password of a URL (a Sentry
    DSN's secret key) masked, the whole value masked when its name says it is a secret.

    >>> account_value("io.sentry.dsn", "https://abc123@o1.ingest.sentry.io/42")
    'https://abc123@o1.ingest.sentry.io/42'
    >>> account_value("io.sentry.dsn", "https://abc123:0123456789abcdef@o1.ingest.sentry.io/42")
    'https://abc123:012**********def@o1.ingest.sentry.io/42'
    >>> account_value("UMENG_MESSAGE_SECRET", "3f2a9c1e77d04b5e")
    '3f2**********b5e'
    """
    value = value.strip()
    if _SECRET_NAME.search(name):
        return mask(value)
    if "://" in value:
        try:
            secret = urlsplit(value).password
        except ValueError:
            secret = None
        if secret:
            return value.replace(f":{secret}@", f":{mask(secret)}@", 1)
    return value


def _renamed(names: list[str]) -> bool:
    """Whether most of these classes have names a shrinker gave (one or two letters): then the
    entry classes may be renamed too."""
    short = sum(len(n.rpartition(".")[2].partition("$")[0]) <= 2 for n in names)
    return short * 2 >= len(names)


def _manifest_evidence(kb: KnowledgeBase, app: AppInfo) -> tuple[dict[str, list[str]],
                                                                  dict[str, list[SDKAccount]]]:
    """(proof, accounts) by SDK id from the manifest and the string resources."""
    proof: dict[str, list[str]] = defaultdict(list)
    accounts: dict[str, list[SDKAccount]] = defaultdict(list)
    for name, value in app.meta_data:
        sid = kb.meta_data.get(name)
        if sid is not None:
            proof[sid].append(f"meta-data {name}")
            if value.strip():
                accounts[sid].append(SDKAccount("meta-data", name, account_value(name, value)))
    for comp in app.components:
        for authority in comp.authorities if comp.kind == "provider" else ():
            sdk = kb.sdk_for_authority(authority)
            if sdk is not None:
                proof[sdk.id].append(f"provider {authority}")
    for name, sid in kb.string_names.items():
        rid = app.string_names.get(name)
        value = app.string_resources.get(rid, "") if rid is not None else ""
        if value.strip():
            accounts[sid].append(SDKAccount("resource", name, account_value(name, value)))
    return proof, accounts


def find_sdks(program: Program, kb: KnowledgeBase, app: AppInfo, reach: set[str]) -> list[SDKHit]:
    """The catalogued SDKs in the app, by code and by manifest (see the module docstring), sorted by id."""
    names: dict[str, list[str]] = {}
    prefixes: dict[str, set[str]] = {}
    live: dict[str, bool] = {}
    own = app.package + "."
    for ci in program.classes.values():
        name = ci.java_name
        prefix = kb.sdk_prefix_for_class(name)
        if prefix is None or own.startswith(prefix + "."):
            continue
        sdk = kb.sdk_for_class(name)
        assert sdk is not None
        names.setdefault(sdk.id, []).append(name)
        prefixes.setdefault(sdk.id, set()).add(prefix)
        if not live.get(sdk.id):
            live[sdk.id] = any(m.key in reach for m in ci.methods.values())
    manifest, accounts = _manifest_evidence(kb, app)
    hits = []
    for sid in sorted(set(names) | set(manifest)):
        s = kb.sdks[sid]
        found = names.get(sid, [])
        code_proof = sorted(set(s.entry) & set(found)) if s.entry else sorted(found)[:3]
        if found and not code_proof:  # entry classes listed, none in the code
            if _renamed(found):
                code_proof = sorted(found)[:3]
            elif not manifest.get(sid):
                continue  # only classes other libraries bring along
        hits.append(SDKHit(sdk_id=sid, name=s.name, company=s.company, country=s.country,
                           category=s.category, classes=len(found), reachable=live.get(sid, False),
                           matched_prefixes=tuple(sorted(prefixes.get(sid, ()))),
                           proof=tuple(code_proof + manifest.get(sid, [])),
                           accounts=tuple(accounts.get(sid, ()))))
    return hits
