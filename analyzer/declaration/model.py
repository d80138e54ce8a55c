"""Value types for what an app declares: app type, PI with purposes, third parties, policy, consent.

A declaration is the third kind of evidence beside the static scan and the
traffic: what the operator *says* it collects, why, and with whom it shares.
``analyzer/declaration/load.py`` loads and validates the YAML file (schema in
``docs/declaration.md``) and ``analyzer/declaration/policytext.py`` extracts what a
privacy-policy text mentions; both produce these types, and the graph and the
rules read only these types.

Everything is a frozen dataclass. ``None`` means "not stated", which rules
must treat as missing evidence (``NotEvaluated``), never as "no".
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DeclaredPI:
    """One PI type the app says it collects."""

    pi: str
    """PI type id from ``policies/taxonomy.yaml``."""
    purposes: tuple[str, ...] = ()
    """The purposes stated for it (free text, as declared)."""
    necessary: bool | None = None
    """Whether the operator calls it necessary for the basic function (``None``: not said)."""
    functions: tuple[str, ...] = ()
    """Business functions that use it (free text)."""


@dataclass(frozen=True)
class DeclaredThirdParty:
    """A recipient of PI the app names: an embedded SDK or a partner it shares with."""

    name: str
    """Name as declared (company or SDK)."""
    sdk: str | None = None
    """SDK id from ``policies/sdks.yaml`` when the entry names a catalogued SDK."""
    domains: tuple[str, ...] = ()
    """Registrable domains the recipient receives PI on, when declared."""
    pi: tuple[str, ...] = ()
    """PI type ids shared with it (empty: not stated)."""
    purposes: tuple[str, ...] = ()
    """Why it receives PI."""
    role: str | None = None
    """``entrusted`` (processes for the app, Order 24 Art 11 / PIPL 21), ``joint`` or
    ``independent`` (a separate handler, PIPL 23); ``None`` when not said."""


@dataclass(frozen=True)
class PolicyMention:
    """A PI type or third party that a privacy-policy text mentions."""

    kind: str
    """``pi`` or ``third_party``."""
    id: str
    """PI type id, or SDK id / normalised company name."""
    keyword: str
    """The dictionary keyword that matched."""
    excerpt: str
    """The sentence around the match (policy text, not user data)."""
    offset: int
    """Character offset of the match in the policy text."""


@dataclass(frozen=True)
class PolicyText:
    """What piflow extracted from a privacy-policy text."""

    language: str
    """``zh`` or ``en`` (the dominant script)."""
    length: int
    """Characters in the text."""
    mentions: tuple[PolicyMention, ...]
    """Every PI type and third party found, in text order."""
    has_complaint_channel: bool
    """A complaint/report contact (e-mail, phone, form) is stated."""
    has_account_deletion: bool
    """An account cancellation or deletion path is described."""
    has_simplified_chinese: bool
    """The text is (at least partly) in Simplified Chinese."""
    denials: tuple[PolicyMention, ...] = ()
    """Keywords found only inside a negated clause ("我们不会收集您的通讯录"), in text order:
    what the policy says the app does *not* collect or share."""

    def pi(self) -> tuple[str, ...]:
        """PI type ids the text mentions, sorted."""
        return tuple(sorted({m.id for m in self.mentions if m.kind == "pi"}))

    def third_parties(self) -> tuple[str, ...]:
        """Third-party ids the text mentions, sorted."""
        return tuple(sorted({m.id for m in self.mentions if m.kind == "third_party"}))

    def denied_pi(self) -> tuple[str, ...]:
        """PI type ids the text denies and does not also mention positively, sorted."""
        return tuple(sorted({m.id for m in self.denials if m.kind == "pi"} - set(self.pi())))


@dataclass(frozen=True)
class Consent:
    """How the app asks for consent, as declared."""

    mechanism: str | None = None
    """``dialog-on-first-launch``, ``checkbox``, ``implied`` or ``none``; ``None``: not said."""
    default_checked: bool | None = None
    """The consent box is ticked by default."""
    withdrawable: bool | None = None
    """The user can withdraw consent in the app."""


@dataclass(frozen=True)
class Declaration:
    """Everything the operator declares about one app."""

    source: str
    """Where it was read from (file path), for evidence references."""
    package: str | None = None
    """The app's package name, when stated (checked against the APK)."""
    app_type: str | None = None
    """One of the 39 app-type ids of the 2021 necessary-PI rules (``policies/app-types.yaml``)."""
    pi: tuple[DeclaredPI, ...] = ()
    """PI types declared, with purposes."""
    third_parties: tuple[DeclaredThirdParty, ...] = ()
    """Declared recipients: SDKs and partners."""
    first_party_domains: tuple[str, ...] = ()
    """Registrable domains that belong to the operator."""
    privacy_policy_url: str | None = None
    """Where the policy is published."""
    policy: PolicyText | None = None
    """What the policy text mentions, when a text was given."""
    consent: Consent | None = None
    """The consent mechanism."""
    complaint_channel: str | None = None
    """Declared complaint/report contact (Order 24 Art 12)."""
    account_deletion: str | None = None
    """Declared account-cancellation path (Order 24 Art 9(4))."""

    def declared_pi(self) -> tuple[str, ...]:
        """PI type ids declared in the file or mentioned in the policy text, sorted."""
        ids = {d.pi for d in self.pi}
        if self.policy is not None:
            ids.update(self.policy.pi())
        return tuple(sorted(ids))
