"""Identifiers a capture names itself: a value a telling field identifies is that identifier where it recurs.

Without a device profile, a bare UUID under Mixpanel's ``distinct_id`` may be
the OAID or a random id: its shape cannot tell. But apps hand the same
identifiers to many SDKs, and some of them name what they send (an ``oaid``
field, a wire schema's documented field). Offline, ``piflow traffic`` runs
detection twice when the first pass identified any: values found at high
confidence in what the app sent (never in responses, never a digest) become a
profile *learned from the capture*, and the second pass finds them, in any
spelling the profile knows (case, separators, base64, MD5/SHA digests …),
wherever else they appear. Such hits read ``learned:<field>``.

The learned values exist only in memory, for one run; reports mask them like
any other value. The detector (:func:`analyzer.traffic.detect.detect_capture`,
:meth:`analyzer.traffic.detect.Detector.relearned`) collects and applies them.
"""

from __future__ import annotations

from analyzer.errors import InputError
from analyzer.traffic.profile import DeviceProfile, KnownValue, profile_from_dict

FIELD_OF: dict[str, str] = {
    "device.imei": "imei", "device.meid": "meid", "device.imsi": "imsi", "device.iccid": "iccid",
    "device.android_id": "android_id", "device.mac": "wifi_mac", "device.bt_mac": "bt_mac",
    "device.oaid": "oaid", "device.vaid": "vaid", "device.aaid": "aaid", "device.gaid": "gaid",
    "contact.phone_number": "phone", "contact.email": "email", "identity.id_number": "id_number",
}
"""PI types whose values identify a device or a person by themselves → the profile field they are learned as.
Names, addresses and other loose kinds are not learned: their shape proves too little."""

MAX_PER_TYPE = 32
"""Values learned per PI type (a capture of thousands of IMEIs is not one phone)."""


def learnable(pi: str, encoding: str, text: str) -> bool:
    """Whether a high-confidence find may be learned: an identifier, in clear (no digest, no reversal)."""
    return (pi in FIELD_OF and not any(e in encoding for e in ("hash", "reversed", "md5", "sha"))
            and 0 < len(text.strip()) <= 128)


def learned_profile(learned: dict[str, set[str]], given: DeviceProfile | None = None) -> DeviceProfile | None:
    """The user's profile (if any) plus the values learned from the capture; None if nothing new was learned.

    A learned value that the profile check rejects (too short, a malformed IMEI) is dropped, not an error.
    """
    known = {kv.value for kv in given.values} if given is not None else set()
    extra: list[KnownValue] = []
    for pi in sorted(learned):
        field = FIELD_OF.get(pi)
        if field is None:
            continue
        for value in sorted(learned[pi] - known)[:MAX_PER_TYPE]:
            try:
                (kv,) = profile_from_dict({field: value}, "<learned>").values
            except (InputError, ValueError):
                continue
            extra.append(KnownValue(kv.field, kv.pi, kv.kind, kv.value, origin="learned"))
    if not extra:
        return None
    return DeviceProfile(label=given.label if given is not None else "learned from the capture",
                         values=(given.values if given is not None else ()) + tuple(extra))

