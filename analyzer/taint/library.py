"""How taint moves through framework and Java library calls whose code piflow does not analyse.

A call into ``java.*``, ``android.*`` and other classes outside the APK is
summarised by a rule: which of the receiver (``this``) and the arguments
flow into the return value and into the receiver. Explicit rules cover the
classes that carry data (strings and builders, collections, maps, intents,
bundles, parcels, streams, JSON, Base64, message digests …) and those that
carry none (class loaders and reflective handles); the default for
anything else is that tainted inputs taint a non-boolean return value, and
that setter- or appender-like methods taint their receiver.

Rules are looked up by class descriptor and method name, then along the
framework supertypes of the class, so ``ArrayList.add`` finds the
``java.util.Collection`` rule.

Containers local to a method are followed more closely: entries filed under
a constant key (maps, bundles, JSON, content values, intent extras) or index
(lists) are kept apart while the container has not escaped (:func:`keyed`).
App classes implementing a container interface are modelled by its contract,
like ``java.util`` (:data:`CONTAINER_INTERFACES`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analyzer.apk.dex import MethodRef
from analyzer.program.framework import Framework
from analyzer.program.hierarchy import Program
from analyzer.taint.domain import EMPTY, NO_OBJS, NONE, SIZE, UNKEYED, WHOLE, State, Val, consts

LIST = "Ljava/util/List;"
# Containers whose entries are filed by constant key while they are local to a method:
# (supertype, put method prefixes, get method prefixes).
KEYED: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("Ljava/util/Map;", ("put",), ("get",)),
    ("Landroid/os/BaseBundle;", ("put",), ("get",)),
    ("Landroid/os/Bundle;", ("put",), ("get",)),
    ("Lorg/json/JSONObject;", ("put", "accumulate"), ("get", "opt")),
    ("Landroid/content/ContentValues;", ("put",), ("get",)),
    ("Landroid/content/Intent;", ("putExtra",), ("get",)),
)
CONTAINER_INTERFACES = frozenset((
    "Ljava/util/Collection;", "Ljava/util/Map;", "Ljava/util/Iterator;", "Ljava/util/Map$Entry;",
    "Ljava/lang/Iterable;", "Ljava/lang/CharSequence;", "Ljava/lang/Appendable;",
    "Ljava/util/Enumeration;", "Ljava/util/ListIterator;"))
"""App classes implementing these are modelled by the interface's contract (like java.util), not
analysed: field-based analysis of a bundled hash map would merge every use of it."""
MODELLED_LIBRARIES = ("Ljavax/mail/", "Lcom/sun/mail/", "Ljavax/activation/", "Lcom/sun/activation/")
"""Libraries apps bundle as DEX classes that are modelled by their documented API, not analysed:
their objects carry what is set on them as a whole, like library objects, and their sends are
catalogued sinks. JavaMail (with the JavaBeans Activation Framework it needs): a message holds
its text, subject, recipients and body parts (``setText``, ``setContent``, ``addBodyPart`` taint
the receiver, the default for setters), ``Transport.send``/``sendMessage`` sends it. Analysed as
code, the text sits objects deep (message, data handler, body part, multipart) and reaches the
socket only inside the library's own stream classes, far from the app's send."""


@dataclass(frozen=True)
class Rule:
    """Propagation for one library method."""

    to_ret: bool = True
    """Receiver and arguments taint the return value."""
    args_to_this: bool = False
    """Arguments taint the receiver object."""
    this_to_ret: bool = True
    """The receiver's taint reaches the return value (False for e.g. constructors returning nothing)."""
    kill_ret: bool = False
    """The return value is never tainted (sizes, hashes, booleans that say nothing of the data)."""
    container: bool = False
    """The receiver stores argument objects and hands them back (collections, maps, intents, bundles)."""
    copies: tuple[tuple[int, int], ...] = ()
    """(from, to) content copies between receiver (-1) and arguments (0, 1, …): getChars, arraycopy."""


NEUTRAL = Rule(to_ret=False, this_to_ret=False, kill_ret=True)
PASS = Rule()
STORE = Rule(args_to_this=True)
CONTAINER_PUT = Rule(args_to_this=True, container=True, to_ret=False, this_to_ret=False)
CONTAINER_GET = Rule(container=True)

_MUTATOR_RE = re.compile(r"^(set|put|add|append|insert|write|push|offer|update|print|format|replace|"
                         r"init|<init>|load|copy|encode|update|digest|doFinal|concat)")
_NEUTRAL_NAMES = frozenset((
    "length", "size", "isEmpty", "hashCode", "equals", "equalsIgnoreCase", "compareTo", "contains",
    "containsKey", "containsValue", "startsWith", "endsWith", "matches", "hasNext", "hasMoreElements",
    "getClass", "indexOf", "lastIndexOf", "isNull", "has", "exists", "canRead", "canWrite", "isLoggable",
    "remove", "clear", "close", "flush", "notify", "notifyAll", "wait", "getCount", "moveToNext",
    "moveToFirst", "isProviderEnabled", "getColumnIndex", "getColumnIndexOrThrow",
))

# Explicit rules: (class descriptor, method name or "*") -> rule.
_RULES: dict[tuple[str, str], Rule] = {}


def _add(classes: str, methods: str, rule: Rule) -> None:
    for c in classes.split():
        for m in methods.split():
            _RULES[(c, m)] = rule


_STR = "Ljava/lang/String;"
_BUNDLES = ("Landroid/os/Bundle; Landroid/os/BaseBundle; Landroid/os/PersistableBundle; "
            "Landroid/content/ContentValues;")
_SB = "Ljava/lang/StringBuilder; Ljava/lang/StringBuffer; Ljava/lang/AbstractStringBuilder;"
_add(_SB, "append insert replace setCharAt reverse <init>", STORE)
_add(_SB, "toString substring subSequence charAt", PASS)
_add(_STR, "*", PASS)
_add(_STR, "<init>", STORE)
_add(_STR, "getChars", Rule(to_ret=False, copies=((-1, 2),)))
_add("Ljava/lang/System;", "arraycopy", Rule(to_ret=False, copies=((0, 2),)))
_add("Ljava/io/InputStream; Ljava/io/FileInputStream; Ljava/io/BufferedInputStream; "
     "Ljava/io/ByteArrayInputStream; Ljava/io/DataInputStream; Ljava/io/ObjectInputStream; "
     "Ljava/io/Reader; Ljava/io/BufferedReader; Ljava/io/InputStreamReader; Ljava/io/FileReader; "
     "Ljava/io/FilterInputStream; Ljava/io/StringReader; Ljava/nio/ByteBuffer; Ljava/nio/CharBuffer;",
     "read readFully get", Rule(copies=((-1, 0),)))
_add("Ljava/io/ByteArrayOutputStream;", "writeTo", Rule(to_ret=False, copies=((-1, 0),)))
_add("Ljava/util/Collections;", "addAll", Rule(to_ret=False, copies=((1, 0),)))
_add("Ljava/util/Arrays;", "fill", Rule(to_ret=False, copies=((1, 0),)))
_add(_STR, "valueOf format join copyValueOf", PASS)
_add("Ljava/util/Collection; Ljava/util/List; Ljava/util/Set; Ljava/util/Queue; Ljava/util/Deque; "
     "Ljava/util/Vector; Ljava/util/Stack; Ljava/util/AbstractCollection; Ljava/util/AbstractList;",
     "add addAll addFirst addLast offer push set addElement insertElementAt setElementAt", CONTAINER_PUT)
_add("Ljava/util/Collection; Ljava/util/List; Ljava/util/Set; Ljava/util/Queue; Ljava/util/Deque; "
     "Ljava/util/Vector; Ljava/util/Stack; Ljava/util/Iterator; Ljava/util/ListIterator; "
     "Ljava/lang/Iterable; Ljava/util/Enumeration; Ljava/util/AbstractList;",
     "get getFirst getLast poll pop peek element remove removeFirst removeLast next previous "
     "iterator listIterator toArray subList elementAt firstElement lastElement nextElement "
     "elements clone stream", CONTAINER_GET)
_add("Ljava/util/Map; Ljava/util/HashMap; Ljava/util/AbstractMap; Ljava/util/Hashtable; "
     "Ljava/util/Dictionary; Landroid/util/ArrayMap; Landroid/util/SparseArray;",
     "put putAll putIfAbsent append setValueAt", CONTAINER_PUT)
_add("Ljava/util/Map; Ljava/util/HashMap; Ljava/util/AbstractMap; Ljava/util/Hashtable; "
     "Ljava/util/Dictionary; Landroid/util/ArrayMap; Landroid/util/SparseArray; Ljava/util/Map$Entry;",
     "get getOrDefault values entrySet keySet valueAt getValue getKey elements keys", CONTAINER_GET)
_add("Ljava/util/Arrays; Ljava/util/Collections;", "asList toString deepToString copyOf copyOfRange "
     "singletonList singleton unmodifiableList unmodifiableMap", PASS)
_add("Landroid/content/Intent;",
     "putExtra putExtras putStringArrayListExtra putParcelableArrayListExtra putIntegerArrayListExtra "
     "setAction setData setDataAndType setType setClipData addCategory replaceExtras setComponent "
     "setClass setClassName setPackage", CONTAINER_PUT)
_add("Landroid/content/Intent;", "<init>", STORE)
_add("Landroid/content/Intent;", "getStringExtra getExtras getBundleExtra getAction getData getDataString "
     "getCharSequenceExtra getIntExtra getLongExtra getDoubleExtra getFloatExtra getStringArrayExtra "
     "getStringArrayListExtra getParcelableExtra getSerializableExtra getByteArrayExtra "
     "getCharArrayExtra getParcelableArrayListExtra getClipData getType", CONTAINER_GET)
_add(_BUNDLES,
     "putString putInt putLong putDouble putFloat putBoolean putCharSequence putStringArray "
     "putStringArrayList putParcelable putSerializable putByteArray putBundle putAll putCharArray "
     "put putIntArray", CONTAINER_PUT)
_add(_BUNDLES,
     "get getString getInt getLong getDouble getFloat getCharSequence getStringArray getStringArrayList "
     "getParcelable getSerializable getByteArray getBundle getCharArray getAsString getAsInteger "
     "getAsLong getIntArray", CONTAINER_GET)
_add("Landroid/os/Parcel;", "writeString writeInt writeLong writeDouble writeFloat writeValue "
     "writeStringArray writeParcelable writeSerializable writeByteArray writeBundle writeCharArray "
     "writeStringList writeList writeMap", CONTAINER_PUT)
_add("Landroid/os/Parcel;", "readString readInt readLong readDouble readFloat readValue readStringArray "
     "readParcelable readSerializable readByteArray readBundle createStringArray createByteArray "
     "readCharArray createCharArray readStringList readList readMap marshall", CONTAINER_GET)
_add("Landroid/os/Message;", "setData obtain", STORE)
_add("Landroid/os/Message;", "getData peekData", CONTAINER_GET)
_add("Lorg/json/JSONObject; Lorg/json/JSONArray;", "put accumulate append <init>", STORE)
_add("Lorg/json/JSONObject; Lorg/json/JSONArray;", "get getString opt optString toString getJSONObject "
     "getJSONArray optJSONObject optJSONArray getInt getLong getDouble", PASS)
_add("Ljava/io/ByteArrayOutputStream; Ljava/io/OutputStream; Ljava/io/Writer; Ljava/io/StringWriter; "
     "Ljava/io/PrintWriter; Ljava/io/BufferedWriter; Ljava/io/OutputStreamWriter; Ljava/io/DataOutputStream; "
     "Ljava/io/ObjectOutputStream; Ljava/io/FilterOutputStream; Ljava/io/PrintStream; "
     "Ljava/io/CharArrayWriter; Ljava/util/zip/GZIPOutputStream;",
     "write writeBytes writeChars writeUTF writeObject print println append format printf <init>", STORE)
_add("Ljava/io/ByteArrayOutputStream; Ljava/io/StringWriter; Ljava/io/CharArrayWriter;",
     "toString toByteArray toCharArray getBuffer", PASS)
_add("Ljava/io/ByteArrayInputStream; Ljava/io/InputStream; Ljava/io/Reader; Ljava/io/BufferedReader; "
     "Ljava/io/InputStreamReader; Ljava/io/ObjectInputStream; Ljava/io/DataInputStream; "
     "Ljava/io/StringReader; Ljava/io/FilterInputStream; Ljava/util/Scanner;",
     "<init>", STORE)
_add("Ljava/io/ByteArrayInputStream; Ljava/io/InputStream; Ljava/io/Reader; Ljava/io/BufferedReader; "
     "Ljava/io/InputStreamReader; Ljava/io/ObjectInputStream; Ljava/io/DataInputStream; "
     "Ljava/io/StringReader; Ljava/io/FilterInputStream; Ljava/util/Scanner;",
     "readLine readObject readUTF next nextLine lines", PASS)  # read, readFully: above (into the buffer)
_add("Landroid/util/Base64; Ljava/util/Base64; Ljava/util/Base64$Encoder; Ljava/util/Base64$Decoder;",
     "encode encodeToString decode", PASS)
_add("Ljava/security/MessageDigest; Ljavax/crypto/Cipher; Ljavax/crypto/Mac;",
     "update", STORE)
_add("Ljava/security/MessageDigest; Ljavax/crypto/Cipher; Ljavax/crypto/Mac;",
     "digest doFinal", PASS)
_add("Ljava/util/regex/Pattern; Ljava/util/regex/Matcher;", "matcher group replaceAll replaceFirst split",
     PASS)
_add("Landroid/graphics/PointF; Landroid/graphics/Point; Landroid/graphics/Rect; Landroid/graphics/RectF;",
     "set <init> offset", STORE)
_add("Landroid/location/Location;", "set setLatitude setLongitude <init>", STORE)
# A class loader and the reflective handles taken from it carry no data: what a loaded class's code
# returns is its own (or what it is given), not the path the loader was built from.
_add("Ljava/lang/ClassLoader; Ldalvik/system/BaseDexClassLoader; Ldalvik/system/DexClassLoader; "
     "Ldalvik/system/PathClassLoader; Ldalvik/system/InMemoryDexClassLoader; "
     "Ldalvik/system/DelegateLastClassLoader; Ljava/net/URLClassLoader; Ljava/security/SecureClassLoader;",
     "<init>", NEUTRAL)
_add("Ljava/lang/ClassLoader; Ljava/lang/Class; Ljava/lang/reflect/Method; Ljava/lang/reflect/Constructor; "
     "Ljava/lang/reflect/Executable;", "*", Rule(this_to_ret=False))  # not Field: set/get carry the value
_add("Ljava/lang/Object;", "toString clone", PASS)
_add("Ljava/lang/Object;", "<init>", NEUTRAL)
_add("Ljava/lang/Thread; Ljava/lang/Runnable; Landroid/app/Activity; Landroid/content/Context; "
     "Landroid/content/ContextWrapper; Landroid/view/View; Landroid/widget/TextView; Landroid/app/Dialog;",
     "<init> start run setContentView findViewById", NEUTRAL)
_add("Landroid/widget/TextView; Landroid/widget/EditText;", "setText append setHint", STORE)
_add("Landroid/widget/TextView; Landroid/widget/EditText;", "getText", PASS)
_add("Ljava/lang/Integer; Ljava/lang/Long; Ljava/lang/Double; Ljava/lang/Float; Ljava/lang/Boolean; "
     "Ljava/lang/Short; Ljava/lang/Byte; Ljava/lang/Character; Ljava/lang/Math;", "*", PASS)


@dataclass
class LibraryModel:
    """Rule lookup with framework-hierarchy fallback and caching."""

    framework: Framework

    def __post_init__(self) -> None:
        self._cache: dict[tuple[str, str, str], Rule] = {}

    def _supertypes_nearest_first(self, cls: str) -> list[str]:
        """The class, then its framework supertypes breadth-first (superclass before interfaces)."""
        out: list[str] = []
        queue = [cls]
        while queue:
            c = queue.pop(0)
            if c in out:
                continue
            out.append(c)
            fc = self.framework.classes.get(c)
            if fc is not None:
                if fc.superclass:
                    queue.append(fc.superclass)
                queue.extend(fc.interfaces)
        return out

    def rule(self, cls: str, name: str, ret: str) -> Rule:
        """The rule for calling ``cls.name`` (returning ``ret``)."""
        key = (cls, name, ret)
        got = self._cache.get(key)
        if got is None:
            got = self._lookup(cls, name, ret)
            self._cache[key] = got
        return got

    def _lookup(self, cls: str, name: str, ret: str) -> Rule:
        # Constructors are not inherited: only the class's own rule applies.
        chain = [cls] if name == "<init>" else self._supertypes_nearest_first(cls)
        for c in chain:
            r = _RULES.get((c, name)) or _RULES.get((c, "*"))
            if r is not None:
                return r
        if name in _NEUTRAL_NAMES or ret == "Z":
            return NEUTRAL
        if _MUTATOR_RE.match(name):
            return Rule(args_to_this=True, to_ret=ret != "V")
        return Rule(to_ret=ret != "V")


def keyed(program: Program, lib: LibraryModel, st: State, ref: MethodRef, vals: list[Val]) -> Val | None:
    """Entries of a local container filed by constant key or index: store, or load (returned).

    Applies to containers allocated in this method that have not escaped and
    were only filled under constant keys; the contents as a whole are kept
    as well, for everything else that reads them.

    A map, bundle, JSON object or intent the method was given (parameter
    ``i``) that nothing else may have changed since its entry is read by key
    too: the entry its caller filed under the key (``P<i>.k:<key>``, which the
    caller resolves, :mod:`~analyzer.taint.substitution`) and whatever this
    method added to it.
    """
    recv = vals[0][1]
    if len(recv) != 1:
        return None
    (o,) = recv
    if o[:2] not in ("n@", "p#") or (o, UNKEYED) in st.heap:
        return None
    if o[:2] == "p#":
        return _keyed_param(program, st, ref, vals, o)
    supers = program.supertypes(ref.cls)
    name = ref.name
    if LIST in supers:
        size = consts(st.heap.get((o, SIZE), NONE), "i")
        if name == "add" and len(vals) == 2 and len(size) == 1:
            n = int(size[0])
            st.heap[(o, f"#{n}")] = vals[1]
            st.heap[(o, SIZE)] = (EMPTY, frozenset({f"i:{n + 1}"}))
            return None
        idx = consts(vals[1], "i") if len(vals) == 2 else []
        if name == "get" and len(idx) == 1:
            return st.heap.get((o, f"#{idx[0]}"), NONE)
    else:
        for sup, puts, gets in KEYED:
            if sup not in supers:
                continue
            key = consts(vals[1], "c") if len(vals) >= 2 else []
            if len(key) != 1 or len(vals[1][1]) != 1:
                break
            if name.startswith(puts) and len(vals) == 3:
                st.heap[(o, f"k:{key[0]}")] = vals[2]
                return None
            if name.startswith(gets) and len(vals) in (2, 3):
                got = st.heap.get((o, f"k:{key[0]}"), NONE)
                if len(vals) == 3:  # a default value
                    got = (got[0] | vals[2][0], got[1] | vals[2][1])
                return got
            break
    if name != "<init>" or len(vals) > 1:
        rule = lib.rule(ref.cls, name, ref.ret)
        if rule.args_to_this or rule.copies:
            st.heap[(o, UNKEYED)] = NONE
    return None


def key_path(obj: str, key: str) -> str:
    """The label of the entry under ``key`` of parameter object ``p#<i>`` at the method's entry."""
    return f"P{obj[2:]}.k:{key}"


def _keyed_param(program: Program, st: State, ref: MethodRef, vals: list[Val], o: str) -> Val | None:
    """A read by constant key from a keyed container the method was given: its caller's entry
    under that key (a path label) and what this method put in it since (in its contents)."""
    supers = program.supertypes(ref.cls)
    if LIST in supers:
        return None
    for sup, _puts, gets in KEYED:
        if sup not in supers:
            continue
        if not ref.name.startswith(gets) or len(vals) not in (2, 3):
            return None
        key = consts(vals[1], "c")
        if len(key) != 1 or len(vals[1][1]) != 1:
            return None
        added = st.heap.get((o, WHOLE), NONE)[0] - {f"P{o[2:]}"}
        got = (added | {key_path(o, key[0])}, NO_OBJS)
        if len(vals) == 3:  # a default value
            got = (got[0] | vals[2][0], vals[2][1])
        return got
    return None
