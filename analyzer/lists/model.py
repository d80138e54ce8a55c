"""The rows of the two lists: value types, one per PI type and one per third party."""

from __future__ import annotations

from dataclasses import dataclass, field

from analyzer.rules.pack import Text  # one cell in both languages, as the rules' texts are

__all__ = ["Lists", "PIRow", "PartyRow", "Text"]


@dataclass(frozen=True)
class PIRow:
    """One row of 已收集个人信息清单: one PI type the app collects (or only declares)."""

    pi: str
    """PI type id (``policies/taxonomy.yaml``)."""
    name: Text
    """Its taxonomy name."""
    purpose: Text
    """The declared purposes, or a placeholder for the developer."""
    scenario: Text
    """Where it is collected: the component, or the SDK and its function, the evidence names."""
    collectors: tuple[str, ...]
    """Graph nodes that collect it (``app:…``, ``sdk:…``)."""
    collected_by: Text
    """The app or the SDK (with company), in words."""
    when: str
    """``before`` (some evidence shows it before consent), ``after`` or ``undecided``."""
    when_basis: Text
    """What ``when`` rests on (start-up window, capture phases)."""
    evidence: tuple[str, ...]
    """Evidence kinds, strongest first: ``wire``, ``code-path``, ``co-located``, ``code-read``,
    ``declared-only``."""
    review: tuple[str, ...] = ()
    """What a person must decide (``scenario``, ``when``): empty when the evidence decides the row."""
    declared: bool | None = None
    """Whether the declaration names it (``None``: no declaration given)."""
    gaps: tuple[str, ...] = ()
    """Rule ids of the check's findings about this row (what the published list leaves out)."""


@dataclass(frozen=True)
class PartyRow:
    """One row of 第三方信息共享清单: an SDK or a recipient outside the app."""

    key: str
    """``sdk:ID``, ``host:NAME`` or ``party:NAME``."""
    name: Text
    """The SDK's name, or the recipient's host or declared name."""
    company: str
    """Company (empty: unknown)."""
    country: str
    """ISO 3166-1 country of the company or host (empty: unknown)."""
    pi: tuple[str, ...]
    """PI type ids it gets."""
    purpose: Text
    """Declared purposes, or a placeholder."""
    how: str
    """``sdk`` (the SDK's code in the app collects or sends it), ``direct`` (the app's code sends it to
    the third party's host), ``server`` (declared as shared by the app's back end) or ``undecided``."""
    hosts: tuple[str, ...]
    """Hosts it received PI on (masked where a label looks like a value)."""
    domains: tuple[str, ...]
    """Registrable domains of those hosts (for a declaration's ``domains``; none that masking would alter)."""
    privacy_policy: str
    """The vendor's privacy-policy URL from ``policies/sdks.yaml`` (empty: not known)."""
    evidence: tuple[str, ...]
    """Evidence kinds, as for :class:`PIRow`."""
    review: tuple[str, ...] = ()
    """What a person must decide (``pi``, ``how``, ``company``)."""
    declared: bool | None = None
    """Whether the declaration names it (``None``: no declaration given)."""
    gaps: tuple[str, ...] = ()
    """Rule ids of the check's findings about this row."""
    gap_pi: tuple[str, ...] = ()
    """PI it gets that the declaration does not list as shared with it
    (``o24-10-sharing-beyond-declared``)."""


@dataclass(frozen=True)
class Lists:
    """Both lists of one app."""

    app: str
    """Package name."""
    pi: tuple[PIRow, ...]
    parties: tuple[PartyRow, ...]
    declaration: str = ""
    """The declaration compared with (empty: none)."""
    phases: tuple[str, ...] = ()
    """Consent phases the captures covered."""
    evidence: tuple[str, ...] = ()
    """Kinds of evidence the check had (static, taint, traffic, declaration, policy_text)."""
    first_party: tuple[str, ...] = field(default=())
    """Registrable domains seen as the operator's own."""
    static_incomplete: str = ""
    """Why the code evidence is incomplete (a packer), or empty."""
    partial: str = ""
    """The scan phase a budget cut (``security facts``, ``taint``…): later phases, the start-up window
    among them, did not run or not fully; empty when the scan was complete."""
    pi_names: tuple[tuple[str, Text], ...] = ()
    """Taxonomy names of every PI type id the rows name."""

    def pi_name(self, pi: str, lang: str) -> str:
        """``name (id)`` of a PI type in ``lang``."""
        names = dict(self.pi_names)
        return f"{names[pi].get(lang)} ({pi})" if pi in names else pi

    @property
    def undecided(self) -> int:
        """Rows a person must complete (either list)."""
        return sum(1 for r in self.pi if r.review) + sum(1 for r in self.parties if r.review)

    @property
    def left_out(self) -> int:
        """Rows the declaration leaves out, by the check's findings."""
        return sum(1 for r in self.pi if r.gaps) + sum(1 for r in self.parties if r.gaps)
