"""Value types for what an APK declares: manifest, components, permissions, resources.

Filled by the androguard adapter (:mod:`analyzer.apk.container`) and read by the rest
of piflow, which therefore never sees androguard objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class IntentFilter:
    """One ``<intent-filter>`` of a component."""

    actions: tuple[str, ...] = ()
    """Action names."""
    categories: tuple[str, ...] = ()
    """Category names."""
    schemes: tuple[str, ...] = ()
    """``<data android:scheme>`` values."""
    hosts: tuple[str, ...] = ()
    """``<data android:host>`` values."""
    mime_types: tuple[str, ...] = ()
    """``<data android:mimeType>`` values."""


@dataclass(frozen=True)
class Component:
    """An activity, activity-alias, service, receiver or provider."""

    kind: str
    """``activity``, ``activity-alias``, ``service``, ``receiver``, ``provider`` or ``instrumentation``."""
    name: str
    """Fully qualified class name (for an alias: the alias name)."""
    exported: bool
    """Reachable by other apps: explicit ``android:exported`` or the platform default."""
    exported_explicit: bool
    """Whether ``android:exported`` was written in the manifest."""
    enabled: bool = True
    """``android:enabled``."""
    permission: str | None = None
    """Permission a caller needs, if any."""
    target: str | None = None
    """For an activity-alias: the activity it points at."""
    authorities: tuple[str, ...] = ()
    """For a provider: its authorities."""
    read_permission: str | None = None
    """For a provider: ``android:readPermission``."""
    write_permission: str | None = None
    """For a provider: ``android:writePermission``."""
    grant_uri_permissions: bool = False
    """For a provider: ``android:grantUriPermissions``."""
    intent_filters: tuple[IntentFilter, ...] = ()
    """Its intent filters."""


@dataclass(frozen=True)
class Permission:
    """A permission the app requests with ``<uses-permission>``."""

    name: str
    """Full permission name."""
    protection: str
    """``dangerous``, ``normal``, ``signature``, … or ``unknown`` for a non-AOSP permission."""
    max_sdk: int | None = None
    """``android:maxSdkVersion`` if given."""


@dataclass(frozen=True)
class NetworkSecurityConfig:
    """What ``res/xml/network_security_config`` (or its absence) allows."""

    present: bool
    """Whether the app ships one."""
    cleartext_default: bool | None = None
    """``cleartextTrafficPermitted`` of ``<base-config>``, None if unset."""
    cleartext_domains: tuple[str, ...] = ()
    """Domains whose ``<domain-config>`` permits cleartext."""
    trusts_user_cas: bool = False
    """Whether any config trusts user-installed CAs (``<certificates src="user">``)."""
    pins: bool = False
    """Whether certificate pinning (``<pin-set>``) is configured."""
    debug_overrides: bool = False
    """Whether ``<debug-overrides>`` is present."""


@dataclass(frozen=True)
class AppInfo:
    """Everything the manifest and resources say about an app."""

    package: str
    """Package name."""
    version_code: str | None
    """``android:versionCode``."""
    version_name: str | None
    """``android:versionName``."""
    min_sdk: int | None
    """``minSdkVersion``."""
    target_sdk: int | None
    """``targetSdkVersion`` (None when absent; the platform then assumes minSdk)."""
    application_class: str | None
    """``<application android:name>``, fully qualified, if the app subclasses Application."""
    permissions: tuple[Permission, ...]
    """Requested permissions."""
    declared_permissions: tuple[tuple[str, str], ...]
    """Custom permissions the app defines: (name, protection level)."""
    components: tuple[Component, ...]
    """All components."""
    launcher_activities: tuple[str, ...]
    """Activities with MAIN/LAUNCHER filters (aliases resolved to targets)."""
    allow_backup: bool
    """``android:allowBackup`` (default true)."""
    debuggable: bool
    """``android:debuggable``."""
    uses_cleartext_traffic: bool
    """Effective cleartext permission: the attribute, else the default for targetSdk."""
    uses_cleartext_explicit: bool | None
    """``android:usesCleartextTraffic`` as written, None if absent."""
    network_security: NetworkSecurityConfig
    """The network security configuration."""
    input_views: tuple[tuple[int, str], ...] = ()
    """(view id, PI type) of each text field a layout declares to take PI (:mod:`analyzer.apk.layouts`),
    sorted; a view id may come with several types."""
    bound_inputs: tuple[tuple[str, int, str], ...] = ()
    """(DataBinding layout tag, slot, PI type) of each text field a data-binding layout binds in an
    expression, typed as :attr:`input_views` are."""
    text_views: tuple[tuple[int, str], ...] = ()
    """(view id, class the layout names) of each view with an id and no declared PI type whose class
    may take typed text (:attr:`analyzer.apk.layouts.LayoutFacts.views`), sorted."""
    onclick_handlers: frozenset[str] = field(default_factory=frozenset)
    """Method names named by ``android:onClick`` in layouts."""
    layout_fragments: frozenset[str] = field(default_factory=frozenset)
    """Classes layouts make fragments of (``<fragment android:name>``), fully qualified."""
    layout_files: int = 0
    """How many XML resource files were examined."""
    string_resources: dict[int, str] = field(default_factory=dict, compare=False, repr=False)
    """String resources of the default locale by id (code reads them with getString)."""
    string_names: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Ids of those string resources by name (``google_app_id``)."""
    meta_data: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)
    """``<meta-data>`` of ``<application>`` as (name, value): ``android:value`` (a string resource it refers
    to resolved), else ``android:resource``. SDKs read their app keys here; values may be secrets."""
    script_services: tuple[tuple[str, str], ...] = ()
    """``(name, Java class)`` of each native service a hybrid app's ``config.xml`` declares (Cordova's
    ``<feature>``: :mod:`analyzer.apk.plugins`); a script's ``exec(…, name, …)`` is answered by the class."""

    @property
    def input_view_pi(self) -> dict[int, frozenset[str]]:
        """View id → the PI types its text takes (from :attr:`input_views`)."""
        out: dict[int, set[str]] = {}
        for view, pi in self.input_views:
            out.setdefault(view, set()).add(pi)
        return {view: frozenset(pis) for view, pis in out.items()}

    @property
    def bound_input_pi(self) -> dict[str, dict[int, frozenset[str]]]:
        """DataBinding layout tag → slot → the PI types of the field bound there (:attr:`bound_inputs`)."""
        out: dict[str, dict[int, set[str]]] = {}
        for tag, slot, pi in self.bound_inputs:
            out.setdefault(tag, {}).setdefault(slot, set()).add(pi)
        return {tag: {slot: frozenset(p) for slot, p in slots.items()} for tag, slots in out.items()}

    @property
    def password_view_ids(self) -> frozenset[int]:
        """Resource ids of text fields declared in layouts as password inputs."""
        return frozenset(view for view, pi in self.input_views if pi == "account.password")

    @property
    def dangerous_permissions(self) -> tuple[str, ...]:
        """Names of requested permissions with dangerous protection."""
        return tuple(p.name for p in self.permissions if "dangerous" in p.protection)


@dataclass(frozen=True)
class ApkContents:
    """An opened APK: manifest facts and the raw DEX files, sizes checked."""

    info: AppInfo
    """Manifest and resource facts."""
    dex: tuple[tuple[str, bytes], ...]
    """(entry name, bytes) of each ``classesN.dex``, in load order."""
    sha256: str
    """SHA-256 of the APK file."""
    size: int
    """APK size in bytes."""
    native_libs: tuple[str, ...] = ()
    """``lib/<abi>/*.so`` entries."""
    extra_dex: tuple[str, ...] = ()
    """DEX/JAR/APK files hidden in assets or elsewhere (dynamic loading candidates)."""
    native_code: tuple[tuple[str, frozenset[str]], ...] = ()
    """(entry name, printable strings) of each native library, one ABI per library name."""
    hidden_dex: tuple[tuple[str, bytes], ...] = ()
    """(``<container>!<entry>``, bytes) of DEX files found inside :attr:`extra_dex` entries."""
    notes: tuple[str, ...] = ()
    """Parts of the APK that could not be read, one line each (the scan goes on without them)."""
    assets: tuple[str, ...] = ()
    """Names of the ``assets/`` entries (the first 20,000): where hybrid frameworks keep their code."""
    scripts: tuple[tuple[str, bytes], ...] = ()
    """(entry name, bytes) of the script files of hybrid frameworks (``assets/**/*.js``,
    ``assets/*.bundle``), sizes bounded (:mod:`analyzer.static.hybrid` reads them)."""
    entries: tuple[str, ...] = ()
    """Every entry name of the APK (packer fingerprints: stub libraries, encrypted assets)."""
    asset_heads: tuple[tuple[str, bytes], ...] = ()
    """(entry name, first bytes) of the larger ``assets/`` entries (is an asset encrypted?)."""
    input_format: str = "apk"
    """What was read: ``apk``, ``apks`` (a bundletool split set), ``xapk``, ``aab`` (an app bundle) or
    ``decoded`` (an apktool-decoded folder)."""
    splits: tuple[str, ...] = ()
    """The splits or bundle modules read as this one app, base first (empty for a plain APK)."""
    code_missing: str = ""
    """Why the app's code could not be read (a decoded folder whose smali does not assemble); empty when it
    was."""
