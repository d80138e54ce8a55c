"""What layouts declare about their views: the PI type a text field takes, and the methods ``onClick`` names.

A text field's PI type comes from how the layout declares it, as a privacy
reviewer reads a form: ``android:autofillHints`` (the platform's and
AndroidX ``HintConstants`` names) when it names a known kind, else the
``android:inputType`` variation (``textPassword`` and its visible, web and
number variants, ``textEmailAddress``, ``phone``, ``textPersonName``,
``textPostalAddress``) and the legacy ``android:password`` /
``android:phoneNumber`` flags. A hint that names a part identifying nobody
alone (a one-time code, a postal code) overrides the input type; a masked
(password) input is a credential whatever its hints say. A ``TextInputLayout`` takes the type of the field
it wraps. A view with no declared type whose element may be an editable text
view (the framework's ``EditText`` family by their short names, or any class
by its full name, ``<view class=…>`` too) is listed with that class: whether the class
edits text is the class hierarchy's call, which the code knows
(:mod:`analyzer.static.inputs`). Only views with an ``android:id`` count: the code
finds a view by its id, which is an ``id``-type resource, so no string or
layout resource can share its value.

The elements are the parsed XML trees :mod:`analyzer.apk.container` hands
over (ElementTree-like, attributes keyed by ``{namespace}name``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

NS = "{http://schemas.android.com/apk/res/android}"

PASSWORD = "account.password"

_CLASS_MASK, _VARIATION_MASK = 0x00F, 0xFF0
_CLASS_TEXT, _CLASS_NUMBER, _CLASS_PHONE = 0x1, 0x2, 0x3
_TEXT_VARIATIONS = {
    0x80: PASSWORD, 0x90: PASSWORD, 0xE0: PASSWORD,  # textPassword, textVisiblePassword, textWebPassword
    0x20: "contact.email", 0xD0: "contact.email",  # textEmailAddress, textWebEmailAddress
    0x60: "identity.name",  # textPersonName
    0x70: "contact.address",  # textPostalAddress
}
_NUMBER_PASSWORD = 0x10  # numberPassword (a PIN)

AUTOFILL_HINTS = {
    "password": PASSWORD, "newpassword": PASSWORD,
    "username": "account.id", "newusername": "account.id",
    "emailaddress": "contact.email",
    "phone": "contact.phone_number", "phonenumber": "contact.phone_number",
    "phonenumberdevice": "contact.phone_number", "phonenational": "contact.phone_number",
    "name": "identity.name", "personname": "identity.name", "persongivenname": "identity.name",
    "personfamilyname": "identity.name", "personmiddlename": "identity.name",
    "postaladdress": "contact.address", "streetaddress": "contact.address",
    "extendedaddress": "contact.address",
    "creditcardnumber": "finance.bank_card", "creditcardsecuritycode": "finance.bank_card",
    "birthdatefull": "identity.dob", "gender": "identity.gender",
}
"""``android:autofillHints`` values (lower-cased) → PI type."""

OTHER_HINTS = frozenset({
    "postalcode", "extendedpostalcode", "addresslocality", "addressregion", "addresscountry",
    "creditcardexpirationdate", "creditcardexpirationday", "creditcardexpirationmonth",
    "creditcardexpirationyear", "smsotpcode", "otpcode", "birthdateday", "birthdatemonth", "birthdateyear",
    "personmiddleinitial", "personnameprefix", "personnamesuffix", "phonecountrycode", "newpasswordconfirm",
})
"""Platform and AndroidX hints for parts that identify nobody alone (postal code, country, card expiry,
one-time codes): a field with only these takes no PI, whatever its ``inputType`` says."""

WRAPPERS = ("TextInputLayout",)
"""Layouts that wrap one text field and hand it out (``TextInputLayout.getEditText()``): such a view
takes the types of the field inside."""
FRAGMENT_HOSTS = ("FragmentContainerView",)
"""Views that make a fragment of the class their ``android:name`` names (besides ``<fragment>``)."""

EDITABLE_SHORT = frozenset({"EditText", "AutoCompleteTextView", "MultiAutoCompleteTextView"})
"""The framework's editable text views a layout names by their short name (the inflater prefixes
``android.widget.``); any other class is named in full, and the hierarchy decides."""
_ID_RE = re.compile(r"@([0-9A-Fa-f]{8})")
_LAYOUT_TAG_RE = re.compile(r"layout[\w-]*/\w+_\d+")  # a data-binding layout's root: layout/login_0
_BINDING_TAG_RE = re.compile(r"binding_(\d+)")  # a view bound in an expression: its slot


def _int(v: object) -> int | None:
    try:
        return int(str(v), 0)
    except ValueError:
        return None


def _true(v: object) -> bool:
    return str(v).strip().lower() in ("true", "1", "0xffffffff", "-1")


def declared_pi(attrib: Any, strings: dict[int, str] | None = None) -> tuple[frozenset[str], bool]:
    """(PI types a view declared with these attributes takes as text, whether its hints decided them).

    >>> declared_pi({NS + "inputType": "0x00080021"})  # textEmailAddress|textNoSuggestions
    (frozenset({'contact.email'}), False)
    >>> declared_pi({NS + "inputType": "0x00000061", NS + "autofillHints": "username"})
    (frozenset({'account.id'}), True)
    >>> declared_pi({NS + "inputType": "0x00000003", NS + "autofillHints": "smsOTPCode"})
    (frozenset(), True)
    """
    itype = _int(attrib.get(NS + "inputType")) if attrib.get(NS + "inputType") is not None else None
    by_type: set[str] = set()
    if itype is not None:
        cls, variation = itype & _CLASS_MASK, itype & _VARIATION_MASK
        if cls == _CLASS_TEXT and variation in _TEXT_VARIATIONS:
            by_type.add(_TEXT_VARIATIONS[variation])
        elif cls == _CLASS_NUMBER and variation == _NUMBER_PASSWORD:
            by_type.add(PASSWORD)
        elif cls == _CLASS_PHONE:
            by_type.add("contact.phone_number")
    if _true(attrib.get(NS + "password", "")):
        by_type.add(PASSWORD)
    if _true(attrib.get(NS + "phoneNumber", "")):
        by_type.add("contact.phone_number")
    hints = str(attrib.get(NS + "autofillHints") or "")
    ref = _ID_RE.fullmatch(hints)
    if ref and strings is not None:
        hints = strings.get(int(ref.group(1), 16), "")
    names = {h.strip().lower() for h in hints.split(",")}
    if names.isdisjoint(AUTOFILL_HINTS) and names.isdisjoint(OTHER_HINTS):
        return frozenset(by_type), False  # no hint, or only free text: the input type decides
    by_hint = {AUTOFILL_HINTS[h] for h in names if h in AUTOFILL_HINTS}
    return frozenset(by_hint | ({PASSWORD} & by_type)), True  # a masked field stays a secret


@dataclass(frozen=True)
class LayoutFacts:
    """What the layouts of an app declare that the analyses use."""

    inputs: tuple[tuple[int, str], ...]
    """(view id, PI type) of each typed text field, sorted."""
    bound: tuple[tuple[str, int, str], ...]
    """(DataBinding layout tag, slot, PI type) of each typed text field a data-binding layout binds in an
    expression (``android:tag="binding_3"`` under a root tagged ``layout/login_0``), sorted."""
    handlers: frozenset[str]
    """Method names ``android:onClick`` names."""
    fragments: frozenset[str] = frozenset()
    """Classes a layout makes fragments of when inflated (``<fragment android:name>`` or ``class``,
    ``FragmentContainerView``'s ``android:name``), as written (Java names)."""
    views: tuple[tuple[int, str], ...] = ()
    """(view id, class as the layout names it: ``EditText``, ``com.example.CardField``) of each view
    with an id that no copy of any layout declares a PI type for (nor hints that it takes none),
    sorted; whether its class takes typed text is decided against the class hierarchy."""


def view_class(el: Any) -> str | None:
    """The class an element inflates (``<view class="…">`` names it in an attribute) when it may edit
    text: one of :data:`EDITABLE_SHORT`, or a class named in full; else None."""
    tag = str(el.tag)
    if tag == "view":
        tag = str(el.attrib.get("class") or "")
    return tag if tag in EDITABLE_SHORT or "." in tag else None


def layout_facts(files: dict[str, Any], strings: dict[int, str] | None = None) -> LayoutFacts:
    """The facts of the parsed layouts ``files`` (path → tree).

    The copies of one layout for other configurations (``res/layout-v26/form.xml`` beside
    ``res/layout/form.xml``; the build strips attributes newer than a copy's API level, so the older
    copy lacks ``autofillHints``) describe the same view: where any copy's hints decide its type, they
    decide it for all. A view id in several layouts takes every type they give it. DataBinding gives
    a view bound in an expression a slot by its tag (its id, if any, is not in the binding's id map).
    """
    decls: dict[tuple[str, str, int], list[tuple[frozenset[str], bool]]] = {}
    roots: dict[str, str] = {}  # file name → its DataBinding tag
    classes: dict[int, set[str]] = {}  # view id → the classes its elements inflate
    handlers: set[str] = set()
    fragments: set[str] = set()
    for path, root in files.items():
        name = path.rsplit("/", 1)[-1]
        tag = _LAYOUT_TAG_RE.fullmatch(str(root.attrib.get(NS + "tag") or ""))
        if tag is not None:
            roots.setdefault(name, tag.group(0))
        for el in root.iter():
            attrib = el.attrib
            onclick = attrib.get(NS + "onClick")
            if onclick and not str(onclick).startswith("@"):
                handlers.add(str(onclick))
            if str(el.tag) == "fragment" or str(el.tag).endswith(FRAGMENT_HOSTS):
                frag = attrib.get(NS + "name") or attrib.get("class")
                if frag and "." in str(frag):
                    fragments.add(str(frag))
            rid = _ID_RE.fullmatch(str(attrib.get(NS + "id") or ""))
            slot = _BINDING_TAG_RE.fullmatch(str(attrib.get(NS + "tag") or ""))
            if rid is None and slot is None:
                continue
            decl = declared_pi(attrib, strings)
            if str(el.tag).endswith(WRAPPERS):  # its getEditText() is the field inside
                inner = [declared_pi(child.attrib, strings) for child in el.iter() if child is not el]
                decl = (frozenset().union(*(pis for pis, _h in inner)), any(h for _p, h in inner))
            if rid is not None:
                decls.setdefault((name, "id", int(rid.group(1), 16)), []).append(decl)
                cls = view_class(el)
                if str(el.tag).endswith(WRAPPERS):  # it hands out the field inside: that one's class
                    cls = next(filter(None, (view_class(c) for c in el.iter() if c is not el)), None)
                if cls is not None:
                    classes.setdefault(int(rid.group(1), 16), set()).add(cls)
            if slot is not None:
                decls.setdefault((name, "slot", int(slot.group(1))), []).append(decl)
    inputs: set[tuple[int, str]] = set()
    bound: set[tuple[str, int, str]] = set()
    for (name, kind, key), found in decls.items():
        hinted = [pis for pis, by_hint in found if by_hint]
        for pis in hinted or [pis for pis, _h in found]:
            if kind == "id":
                inputs.update((key, pi) for pi in pis)
            elif name in roots:
                bound.update((roots[name], key, pi) for pi in pis)
    # a view typed, or whose hints say it takes no PI (a one-time code), is no untyped field
    typed = {view for view, _pi in inputs} | {key for (_n, kind, key), found in decls.items()
                                               if kind == "id" and any(h for _p, h in found)}
    views = sorted((view, cls) for view, names in classes.items() if view not in typed for cls in names)
    return LayoutFacts(tuple(sorted(inputs)), tuple(sorted(bound)), frozenset(handlers), frozenset(fragments),
                       tuple(views))
