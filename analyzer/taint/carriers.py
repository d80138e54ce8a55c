"""Reads through carriers: the call that reads a broadcast's extra or queries a PI provider is the source.

A *carrier* is a source label whose value is not PI itself but holds it:

* the ``Intent`` a receiver gets for a system broadcast that carries PI
  (``intent_action`` entries of ``policies/sources.yaml``): its action, type
  or flags say nothing; the PI is in the extras the entry's ``extras`` list
  names (a key the code does not fix counts when the list is not empty) and,
  where ``data`` says so, in its data (``PACKAGE_ADDED``'s package);
* a content provider's ``Uri`` constant (``content_uri`` entries): a ``Uri``
  is an address, the PI is what a query of it returns;
* a path or ``File`` that names the user's photo folder (:func:`names_photos`:
  the camera folder ``DCIM`` or ``Pictures`` on shared storage), made where a
  constant naming it is given to a path-building call (:func:`path_step`: a
  ``StringBuilder`` append, ``String.concat``, ``new File``,
  ``Environment.getExternalStoragePublicDirectory``). The names a listing of
  it returns (``File.listFiles``/``list``) and the bytes a stream opened on it
  reads (``FileInputStream``, ``FileReader``, ``RandomAccessFile``,
  ``BitmapFactory.decodeFile``) are the user's photos; what a listing returns
  is a photo handle too (its files are in the folder). The scan lists no read
  of these, so the reads made here are the app's photo reads for its report as
  well (:attr:`Carriers.listed`).

Carrier labels flow like any other label (into a ``Bundle`` from
``getExtras``, a helper given the intent, a field holding the ``Uri``) but
never make a leak by themselves. At a *read* call (:func:`read_of`: an
``Intent.get*Extra``, ``Bundle.get*``, ``Intent.getData``, a
``ContentResolver.query``, ``managedQuery``, a ``CursorLoader``, a listing or
opening of a file) the carriers
among the labels of the object read become a new concrete source at that
call site, with the carrier's PI and its key or provider in the source's
API text. Where the object read is the caller's (``P1``) or a global's
(``G:x``), the result carries ``P1~<n>`` / ``G:x~<n>``: what read ``n``
yields from whatever that label stands for, resolved at each call site
(:mod:`~.substitution`) or after the global fixpoint (:meth:`Carriers.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analyzer.apk.dex import MethodRef
from analyzer.kb.catalogue import SourceSpec
from analyzer.model import CodeLocation, Owner, PIAccess
from analyzer.taint.domain import Label

INTENT = "Landroid/content/Intent;"
BUNDLES = frozenset(("Landroid/os/Bundle;", "Landroid/os/BaseBundle;"))
QUERIES: dict[tuple[str, str], int] = {
    ("Landroid/content/ContentResolver;", "query"): 0,
    ("Landroid/content/ContentProviderClient;", "query"): 0,
    ("Landroid/app/Activity;", "managedQuery"): 0,
    ("Landroid/content/CursorLoader;", "<init>"): 1,
    ("Landroidx/loader/content/CursorLoader;", "<init>"): 1,
    ("Landroid/support/v4/content/CursorLoader;", "<init>"): 1,
}
"""Provider reads: (declaring class, method) -> the parameter holding the ``Uri`` (receiver excluded).
A ``CursorLoader`` gets what it will load in itself."""
DATA_READS = frozenset(("getData", "getDataString"))
"""``Intent`` methods that read its data (a ``Uri``)."""

EXTRA, DATA, QUERY = "extra", "data", "query"
LIST, OPEN = "list", "open"
"""Reads of a file handle: the names in a directory, the content of a file."""

PHOTO_DIR = re.compile(r"(?:^|[/\\])(?:dcim|pictures)(?:[/\\]|$)", re.IGNORECASE)
"""A path (or a path segment) naming the shared photo folders: the camera's ``DCIM``
(``Environment.DIRECTORY_DCIM``) and ``Pictures`` (``DIRECTORY_PICTURES``), in any case."""
FILE = "Ljava/io/File;"
STRING = "Ljava/lang/String;"
FILE_OPENS = frozenset(("Ljava/io/FileInputStream;", "Ljava/io/FileReader;", "Ljava/io/RandomAccessFile;"))
"""Streams that open the file a path or ``File`` names, given as their first argument."""
DECODE_FILE = ("Landroid/graphics/BitmapFactory;", "decodeFile")
PATH_STEPS = frozenset((
    ("Ljava/lang/StringBuilder;", "<init>"), ("Ljava/lang/StringBuilder;", "append"),
    ("Ljava/lang/StringBuffer;", "<init>"), ("Ljava/lang/StringBuffer;", "append"),
    ("Ljava/lang/String;", "concat"), (FILE, "<init>"),
    ("Landroid/os/Environment;", "getExternalStoragePublicDirectory"),
))
"""Calls that build a path from their constant arguments: one naming the photo folder makes the
result (and a builder or ``File`` receiver) a photo handle. An app's own directory of pictures
(``Context.getExternalFilesDir(DIRECTORY_PICTURES)``) holds no user photos and is none."""
PHOTO_FILE_ID = "media.files.photos"
PHOTO_PI = ("media.photos",)
PHOTO_PERMISSION = "android.permission.READ_MEDIA_IMAGES"
"""As for ``MediaStore.Images`` (``READ_EXTERNAL_STORAGE`` grants it before Android 13)."""


def names_photos(text: str) -> bool:
    """Whether path text ``text`` names the user's photo folder (``/sdcard/DCIM/Camera``, ``Pictures``)."""
    return PHOTO_DIR.search(text) is not None


def path_step(ref: MethodRef) -> bool:
    """Whether a call of ``ref`` builds a path from its constant arguments (:data:`PATH_STEPS`)."""
    return (ref.cls, ref.name) in PATH_STEPS


@dataclass(frozen=True, slots=True)
class Read:
    """How one call reads through a carrier: what it reads, from which argument, under which key."""

    what: str
    """:data:`EXTRA`, :data:`DATA` or :data:`QUERY`."""
    slot: int
    """Position in the argument list (receiver first) of the carrier read."""
    key_slot: int | None = None
    """Position of the extra's key, for :data:`EXTRA`."""


@dataclass(frozen=True, slots=True)
class Carrier:
    """A source label whose value holds PI without being it."""

    access: PIAccess
    """The scan's read of it (the receiver's action, the ``Uri`` constant)."""
    provider: bool
    """A provider ``Uri`` (else a broadcast's intent)."""
    extras: frozenset[str] | None = None
    """Broadcast: the extras holding PI (None: any)."""
    data: bool = True
    """Broadcast: whether its data holds PI."""
    photos: bool = False
    """A path or ``File`` naming the user's photo folder (read by listing or opening it)."""

    def gives(self, what: str, keys: tuple[str, ...] | None) -> bool:
        """Whether a read of ``what`` under ``keys`` (None: a key not known) yields PI."""
        if self.photos or what in (LIST, OPEN):
            return self.photos and what in (LIST, OPEN)
        if what == QUERY or self.provider:
            return what == QUERY and self.provider
        if what == DATA:
            return self.data
        if self.extras is None:
            return True
        return bool(self.extras) if keys is None else not self.extras.isdisjoint(keys)


def read_of(ref: MethodRef, static: bool, supertypes: frozenset[str]) -> Read | None:
    """The read a call of ``ref`` makes through a carrier, if any (chosen once per call site)."""
    name = ref.name
    if static:
        if (ref.cls, name) == DECODE_FILE and ref.params[:1] == (STRING,):
            return Read(OPEN, 0)
        return None
    if ref.cls == FILE and name in ("listFiles", "list"):
        return Read(LIST, 0)
    if name == "<init>" and ref.cls in FILE_OPENS and ref.params[:1] in ((STRING,), (FILE,)):
        return Read(OPEN, 1)
    if INTENT in supertypes:
        if name.startswith("get") and name.endswith("Extra") and ref.params[:1] == ("Ljava/lang/String;",):
            return Read(EXTRA, 0, 1)
        if name in DATA_READS and not ref.params:
            return Read(DATA, 0)
        return None
    if not BUNDLES.isdisjoint(supertypes):
        if name.startswith("get") and ref.params[:1] == ("Ljava/lang/String;",):
            return Read(EXTRA, 0, 1)
        return None
    for cls in supertypes:
        slot = QUERIES.get((cls, name))
        if slot is not None and len(ref.params) > slot and ref.params[slot] == "Landroid/net/Uri;":
            return Read(QUERY, slot + 1)
    return None


class Carriers:
    """The carrier labels of one analysis and the sources made by reading through them."""

    def __init__(self, add_source: Callable[[PIAccess], int], owner: Callable[[str], Owner],
                 paths: set[str]) -> None:
        self._add = add_source
        self._owner = owner
        self._paths = paths
        self.by_label: dict[int, Carrier] = {}
        self._reads: list[tuple[CodeLocation, str, str, tuple[str, ...] | None]] = []
        self._read_at: dict[tuple[str, int], int] = {}
        self._made: dict[tuple[int, int], int] = {}
        self.made: set[int] = set()
        """Labels of the sources made at read sites."""
        self.listed: set[int] = set()
        """Those of :attr:`made` through a carrier the scan does not list (a photo folder): the
        app's reads of that PI, reported with the scan's."""
        self.photos: int | None = None
        """The label of the photo-folder handles, once one is made (:meth:`photo_folder`)."""

    def photo_folder(self, loc: CodeLocation) -> int:
        """The label of the photo-folder handles (one per analysis, first made at ``loc``)."""
        if self.photos is None:
            access = PIAccess(source_id=PHOTO_FILE_ID, api="the user's photo folder (DCIM, Pictures)",
                              kind="photo_folder", pi=PHOTO_PI, location=loc, owner=self._owner(loc.cls),
                              reachable=True, permission=PHOTO_PERMISSION)
            self.photos = self._add(access)
            self.by_label[self.photos] = Carrier(access, provider=False, photos=True)
        return self.photos

    def add(self, label: int, access: PIAccess, spec: SourceSpec | None) -> None:
        """Record source ``label`` (its read ``access``, catalogued as ``spec``) as a carrier."""
        if access.kind == "content_uri":
            self.by_label[label] = Carrier(access, provider=True)
        else:
            extras = None if spec is None or spec.extras is None else frozenset(spec.extras)
            self.by_label[label] = Carrier(access, provider=False, extras=extras,
                                           data=True if spec is None else spec.data)

    def site(self, mkey: str, loc: CodeLocation, api: str, what: str,
             keys: tuple[str, ...] | None) -> int:
        """The index of the read at ``loc`` (method key ``mkey``) of ``api`` under ``keys``."""
        at = (mkey, loc.offset)
        n = self._read_at.get(at)
        if n is None:
            n = self._read_at[at] = len(self._reads)
            self._reads.append((loc, api, what, keys))
        return n

    def through(self, n: int, labels: Iterable[Label]) -> set[Label]:
        """What read ``n`` yields from a value with ``labels``: a source at the read for each
        carrier that holds what it reads, a transformer label for each caller's or global label."""
        out: set[Label] = set()
        for lab in labels:
            if isinstance(lab, int):
                c = self.by_label.get(lab)
                if c is not None and c.gives(self._reads[n][2], self._reads[n][3]):
                    out.add(self._source(n, lab, c))
            elif "~" not in lab and (lab[0] == "P" or lab.startswith("G:")):
                t = f"{lab}~{n}"
                if lab[0] == "P":
                    self._paths.add(t)
                out.add(t)
        return out

    def _source(self, n: int, label: int, c: Carrier) -> int:
        got = self._made.get((n, label))
        if got is None:
            loc, api, what, keys = self._reads[n]
            a = c.access
            if c.photos:  # a listing or an opening of a file in the photo folder: a call that reads photos
                got = self._made[(n, label)] = self._add(PIAccess(
                    source_id=a.source_id, api=api, kind="call", pi=a.pi, location=loc,
                    owner=self._owner(loc.cls), reachable=True, permission=a.permission))
                self.made.add(got)
                self.listed.add(got)
                return got
            if what == QUERY:
                text = f"{api}({a.api})"
            elif what == DATA:
                text = f"{api}() of {a.api}"
            else:
                key = "?" if keys is None else "|".join(keys)
                text = f'{api}("{key}") of {a.api}'
            got = self._made[(n, label)] = self._add(PIAccess(
                source_id=a.source_id, api=text, kind=a.kind, pi=a.pi, location=loc,
                owner=self._owner(loc.cls), reachable=True, permission=a.permission))
            self.made.add(got)
        return got

    def value(self, label: str, resolved: dict[str, set[int]]) -> set[int]:
        """The concrete sources of global label ``label`` (``G:x`` or a read through it, ``G:x~n``)."""
        base, tilde, n = label.rpartition("~")
        if not tilde:
            return resolved.get(label, set())
        return {x for x in self.through(int(n), resolved.get(base, set())) if isinstance(x, int)}
