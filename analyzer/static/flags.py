"""Persistent flags on the first launch: the stores that hold them, the calls that read and write them.

A flag that lives in a store (the other kind, an app field, is read and
written by field instructions in :mod:`analyzer.static.gates`):

* a SharedPreferences key (``pref:<key>``, read with ``getBoolean`` … and
  ``contains``, written with ``SharedPreferences$Editor.put*``);
* an MMKV key (``mmkv:<key>``, ``decodeBool`` … / ``encode``, ``put*``);
* an Intent or Bundle extra (``extra:<key>``, ``putExtra`` /
  ``getBooleanExtra`` …), how a splash screen passes the flag on;
* a marker file (``file:<base name>``, from the constant parts of
  ``new File(…)``): ``exists()`` is false until ``createNewFile()``,
  ``openFileOutput`` or a ``FileOutputStream``/``FileWriter`` on it; a file
  written under a name that is no constant may be any;
* a database table (``db:<table>``): a query's cursor is empty (``moveToFirst``
  false, ``getCount`` 0) until ``insert``/``update``/``replace`` or the same
  statements through ``execSQL`` write the table;
* a Jetpack DataStore preference (``datastore:<key>``): ``Preferences.get`` is
  null until ``MutablePreferences.set`` (in an ``edit`` block) stores it.

:func:`store_call` takes the value of each flag a call reads from the
interpreter (the flag's default joined with what window code writes to it)
and records each flag it writes; :func:`flag_call` tells whether a call
touches a store at all. :class:`Written` is what window code writes to one
flag, in a store or in a field.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from analyzer.apk.dex import MethodRef
from analyzer.common.descriptors import descriptor_to_java

Const = int | str | None
"""A constant the register holds on every path (None: unknown)."""
Val = tuple[Const, frozenset[str]]
"""A register's value: its constant and the flags it derives from."""
UNKNOWN: Val = (None, frozenset())
Reader = Callable[[str, Const], Val]
COROUTINES = "Lkotlinx/coroutines/BuildersKt;"
RUN_BLOCKING = frozenset(("runBlocking", "runBlocking$default"))
INVOKE_SUSPEND = "invokeSuspend(Ljava/lang/Object;)Ljava/lang/Object;"
"""The body of a Kotlin coroutine block, as kotlinc compiles it."""
"""The value a flag has on the first launch, given its default."""
Writes = list[tuple[str, Val, int]]
"""(flag, value, pc) of each write."""

_PREFS = "Landroid/content/SharedPreferences;"
_EDITOR = "Landroid/content/SharedPreferences$Editor;"
_MMKV = "Lcom/tencent/mmkv/MMKV;"
_EXTRAS = ("Landroid/content/Intent;", "Landroid/os/Bundle;")
_PREF_GETTERS = frozenset(("getBoolean", "getInt", "getLong", "getString", "getFloat", "contains"))
_MMKV_GETTERS = _PREF_GETTERS | frozenset(("decodeBool", "decodeInt", "decodeLong", "decodeString",
                                           "decodeFloat", "containsKey"))
_PUTTERS = frozenset(("putBoolean", "putInt", "putLong", "putString", "putFloat"))
_EXTRA_GETTERS = frozenset(("getBooleanExtra", "getIntExtra", "getLongExtra", "getStringExtra",
                            "getBoolean", "getInt", "getLong", "getString", "hasExtra", "containsKey"))
_EXTRA_PUTTERS = frozenset(("putExtra", "putBoolean", "putInt", "putLong", "putString"))
_FILE = "Ljava/io/File;"
_FILE_WRITERS = frozenset(("Ljava/io/FileOutputStream;", "Ljava/io/FileWriter;"))
_FILE_MARK = "\x00file:"
"""A register holding a File is a string constant: this mark and the file's name."""
_DB = "Landroid/database/sqlite/SQLiteDatabase;"
_CURSOR = "Landroid/database/Cursor;"
_DB_QUERIES = frozenset(("query", "queryWithFactory", "rawQuery", "rawQueryWithFactory"))
_DB_WRITES = frozenset(("insert", "insertOrThrow", "insertWithOnConflict", "replace", "replaceOrThrow",
                        "update", "updateWithOnConflict"))
_CURSOR_READS = frozenset(("moveToFirst", "moveToNext", "moveToLast", "moveToPosition", "getCount"))
_DS_PREFS = frozenset(("Landroidx/datastore/preferences/core/Preferences;",
                       "Landroidx/datastore/preferences/core/MutablePreferences;"))
_DS_KEYS = "Landroidx/datastore/preferences/core/PreferencesKeys;"
_DS_KEY_MARK = "\x00dskey:"
"""A register holding a DataStore ``Preferences.Key`` made from a constant name: this mark and the name."""
_DB_MARK = "\x00db:"
"""A register holding a query's Cursor is a string constant: this mark and the table's name."""
_SQL_FROM = re.compile(r"\bfrom\s+[`\"\[]?(\w+)", re.IGNORECASE)
_SQL_WRITE = re.compile(r"^\s*(?:insert|replace|update)(?:\s+or\s+\w+)?\s+(?:into\s+)?[`\"\[]?(\w+)",
                        re.IGNORECASE)



def describe(flag: str) -> str:
    """A flag for people: ``pref `agreed```, ``field `com.a.App.agreed```."""
    kind, _, name = flag.partition(":")
    if kind == "field":
        cls, _, fname = name.partition("->")
        return f"field `{descriptor_to_java(cls)}.{fname}`"
    return {"pref": "pref", "mmkv": "MMKV key", "extra": "intent extra", "file": "file",
            "db": "database table"}.get(kind, kind) \
        + f" `{name}`"



@dataclass
class Written:
    """What window code writes to one flag."""

    consts: set[int | str] = field(default_factory=set)
    unknown: bool = False
    origins: set[str] = field(default_factory=set)
    preset: list[tuple[str, int]] = field(default_factory=list)
    """(method key, pc) of each write of a non-zero constant derived from no flag."""

    def same(self, other: Written) -> bool:
        """Whether a read sees the same value (the preset sites aside)."""
        return (self.consts, self.unknown, self.origins) == (other.consts, other.unknown, other.origins)


def store_call(read: Reader, t: MethodRef, args: list[Val], reads: set[str], writes: Writes | None,
               pc: int) -> tuple[bool, Val | None]:
    """A call on the first launch into a flag store: whether it is one, and the value it returns;
    records the flags it reads and writes."""
    name = t.name
    store = ""
    if t.cls == _PREFS or t.cls == _MMKV:
        store = "pref" if t.cls == _PREFS else "mmkv"
        if name in _MMKV_GETTERS and len(args) >= 2 and isinstance(args[1][0], str):
            default = 0 if name.startswith("contains") or len(args) < 3 else args[2][0]
            v = read(f"{store}:{args[1][0]}", default)
            reads.update((f"{store}:{args[1][0]}", *v[1]))
            return True, v
    if t.cls == _EDITOR:
        store = "pref"
    if t.cls in _EXTRAS:
        store = "extra"
        if name in _EXTRA_GETTERS and len(args) >= 2 and isinstance(args[1][0], str):
            default = 0 if name in ("hasExtra", "containsKey") or len(args) < 3 else args[2][0]
            v = read(f"extra:{args[1][0]}", default)
            reads.update((f"extra:{args[1][0]}", *v[1]))
            return True, v
    if store and (name in _PUTTERS or name in _EXTRA_PUTTERS or name == "encode") and len(args) >= 3:
        if writes is not None:  # a key that is no constant may be any key of the store
            key = args[1][0] if isinstance(args[1][0], str) else "*"
            writes.append((f"{store}:{key}", args[2], pc))
        return True, None
    if t.cls == _FILE or t.cls in _FILE_WRITERS or (name == "openFileOutput" and len(args) > 1):
        f = args[0][0] if t.cls == _FILE else (args[1][0] if len(args) > 1 else None)
        if isinstance(f, str) and not f.startswith(_FILE_MARK):  # a path string
            f = _FILE_MARK + _base(f)
        flag = f"file:{f[len(_FILE_MARK):]}" if isinstance(f, str) else ""
        if t.cls == _FILE and name == "exists" and flag:
            v = read(flag, 0)
            reads.update((flag, *v[1]))
            return True, v
        if writes is not None and (name in ("createNewFile", "openFileOutput")
                                   or (name == "<init>" and t.cls != _FILE)):
            writes.append((flag or "file:*", (1, frozenset()), pc))
        return True, None
    if t.cls == _DB or t.cls == _CURSOR:
        return True, _database(read, t, args, reads, writes, pc)
    if t.cls == _DS_KEYS or t.cls in _DS_PREFS:
        return True, _datastore(read, t, args, reads, writes, pc)
    return False, None


def _datastore(read: Reader, t: MethodRef, args: list[Val], reads: set[str], writes: Writes | None,
               pc: int) -> Val | None:
    """Jetpack DataStore preferences on the first launch: ``Preferences.get(key)`` is null (and
    ``contains`` false) until ``MutablePreferences.set`` stores the key; a key the code does not make
    from a constant name (``PreferencesKeys.booleanKey("agreed")`` in the same method) may be any."""
    if t.cls == _DS_KEYS:
        name = args[0][0] if args else None
        made = t.name.endswith("Key") and isinstance(name, str)
        return (_DS_KEY_MARK + str(name), frozenset()) if made else None
    key = args[1][0] if len(args) > 1 else None
    flag = "datastore:" + (key[len(_DS_KEY_MARK):] if isinstance(key, str) and key.startswith(_DS_KEY_MARK)
                           else "*")
    if t.name in ("get", "contains"):
        v = read(flag, 0)
        reads.update((flag, *v[1]))
        return v
    if t.name in ("set", "plusAssign") and writes is not None:
        writes.append((flag, args[2] if len(args) > 2 else UNKNOWN, pc))
    return None


def _database(read: Reader, t: MethodRef, args: list[Val], reads: set[str], writes: Writes | None,
              pc: int) -> Val | None:
    """SQLite on the first launch: a table holds no row until code writes one, so a query's
    cursor is empty (``moveToFirst`` false, ``getCount`` 0); ``insert``/``update``/``replace``
    and the same statements through ``execSQL`` write the table (a table the code does not name,
    every table)."""
    name = t.name
    if t.cls == _CURSOR:
        mark = args[0][0] if args else None
        if name in _CURSOR_READS and isinstance(mark, str) and mark.startswith(_DB_MARK):
            flag = f"db:{mark[len(_DB_MARK):]}"
            v = read(flag, 0)
            reads.update((flag, *v[1]))
            return v
        return None
    strings = [a[0] for a in args[1:] if isinstance(a[0], str)]
    table = ""
    if name in _DB_QUERIES:
        if name.startswith("raw"):
            m = _SQL_FROM.search(strings[0]) if strings else None
            table = m.group(1) if m else ""
        elif strings:
            table = strings[0]  # query(table, …) and query(distinct, table, …): the first string
        return (_DB_MARK + (table.lower() or "*"), frozenset())
    if name in _DB_WRITES or name == "execSQL":
        if name == "execSQL":
            if strings and not _SQL_WRITE.match(strings[0]):
                return None  # CREATE, DROP, DELETE …: no row appears
            m = _SQL_WRITE.match(strings[0]) if strings else None
            table = m.group(1) if m else ""
        elif len(args) > 1 and isinstance(args[1][0], str):
            table = args[1][0]
        if writes is not None:
            writes.append((f"db:{table.lower() or '*'}", (1, frozenset()), pc))
    return None


def new_file(t: MethodRef, args: list[Val]) -> Val | None:
    """What ``new File(path)`` / ``new File(dir, name)`` leaves in its receiver: its base name names it
    (None: the call is no such constructor)."""
    if t.cls == _FILE and t.name == "<init>" and len(args) >= 2:
        name = args[-1][0]
        return (_FILE_MARK + _base(name), frozenset()) if isinstance(name, str) else UNKNOWN
    return None


def flag_call(t: MethodRef) -> bool:
    """Whether a call reads or writes a flag store."""
    if t.cls == _PREFS:
        return t.name in _PREF_GETTERS
    if t.cls == _EDITOR:
        return t.name in _PUTTERS
    if t.cls == _MMKV:
        return t.name in _MMKV_GETTERS or t.name in _PUTTERS or t.name == "encode"
    if t.cls in _EXTRAS:
        return t.name in _EXTRA_GETTERS or t.name in _EXTRA_PUTTERS
    if t.cls == _FILE:
        return t.name in ("exists", "createNewFile")
    if t.cls == _DB:
        return t.name in _DB_QUERIES or t.name in _DB_WRITES or t.name == "execSQL"
    if t.cls == _CURSOR:
        return t.name in _CURSOR_READS
    if t.cls in _DS_PREFS:
        return t.name in ("get", "contains", "set", "plusAssign")
    if t.cls == COROUTINES and t.name in RUN_BLOCKING:
        return True  # its result is the result of the coroutine it runs
    return (t.cls in _FILE_WRITERS and t.name == "<init>") or t.name == "openFileOutput"


def _base(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]

