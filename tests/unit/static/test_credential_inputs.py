"""Text fields a layout declares to take PI (inputType, autofillHints) are sources however the code binds
them: findViewById, ButterKnife, ViewBinding, DataBinding, Kotlin synthetics; a plain field read the same
way is none, and neither is a view that only gets a PI field's id."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from analyzer.apk.container import open_apk
from analyzer.model import PIAccess
from analyzer.static.scan import ScanResult, scan_apk
from analyzer.static.serialize import scan_from_dict, scan_to_dict
from bench.hostile import LAUNCHER, apk_with, compiled_layouts, ctor, form_layout, smali_dex

PKG = "Lcom/piflow/sample/notes"
LOG_I = "Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I"
OBJ, VIEW, EDIT = "Ljava/lang/Object;", "Landroid/view/View;", "Landroid/widget/EditText;"
FIELDS = {
    "password": 'android:inputType="textPassword"',
    "pin": 'android:inputType="numberPassword"',
    "email": 'android:inputType="textEmailAddress|textNoSuggestions"',
    "phone": 'android:inputType="phone"',
    "person": 'android:inputType="textPersonName"',
    "address": 'android:inputType="textPostalAddress"',
    "user": 'android:inputType="text" android:autofillHints="username"',
    "card": 'android:autofillHints="creditCardNumber"',
    "otp": 'android:inputType="phone" android:autofillHints="smsOTPCode"',
    "legacy": 'android:password="true"',
    "note": 'android:inputType="text"',
}
"""Each field's declaration; ``note`` is a plain text field, ``otp`` a phone-typed code whose hint says
it is no phone number."""


TIL = "Lcom/google/android/material/textfield/TextInputLayout;"
WRAPPED = f"""<?xml version="1.0" encoding="utf-8"?>
<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android"
    android:layout_width="match_parent" android:layout_height="match_parent">
  <{TIL[1:-1].replace("/", ".")} android:id="@+id/til_password"
      android:layout_width="match_parent" android:layout_height="wrap_content">
    <EditText android:layout_width="match_parent" android:layout_height="wrap_content"
        android:inputType="textWebPassword"/>
  </{TIL[1:-1].replace("/", ".")}>
  <{TIL[1:-1].replace("/", ".")} android:id="@+id/til_note"
      android:layout_width="match_parent" android:layout_height="wrap_content">
    <EditText android:layout_width="match_parent" android:layout_height="wrap_content"/>
  </{TIL[1:-1].replace("/", ".")}>
</LinearLayout>
"""
"""Material text fields: the password one's id is the wrapper's, the field inside has none."""


def _const(reg: str, value: int) -> str:
    """The instruction d8 picks for a resource id (``const/high16`` when the low half is zero)."""
    op = "const/high16" if not value & 0xFFFF else "const"
    return f"    {op} {reg}, {value:#x}\n"


def _log_text(view: str, tmp: str = "v3") -> str:
    """``Log.i("t", view.getText().toString())`` with ``view`` an ``EditText`` register."""
    return (f"    invoke-virtual {{{view}}}, Landroid/widget/EditText;->getText()Landroid/text/Editable;\n"
            f"    move-result-object {tmp}\n"
            f"    invoke-virtual {{{tmp}}}, Ljava/lang/Object;->toString()Ljava/lang/String;\n"
            f"    move-result-object {tmp}\n"
            f'    const-string {view}, "t"\n'
            f"    invoke-static {{{view}, {tmp}}}, {LOG_I}\n")


def _activity(body: str, extra: str = "", registers: int = 6) -> str:
    return ctor(LAUNCHER, "Landroid/app/Activity;") + f"""
.method protected onCreate(Landroid/os/Bundle;)V
    .registers {registers}
    invoke-super {{p0, p1}}, Landroid/app/Activity;->onCreate(Landroid/os/Bundle;)V
{body}
    return-void
.end method
{extra}"""


def _layouts() -> dict[str, str]:
    """The app's layouts: the form, the Material fields, the data-binding layout."""
    return {"form": form_layout(FIELDS), "wrapped": WRAPPED, "bound": BOUND}


def _build(tmp: Path, program: object) -> Path:
    """The APK of ``program(ids)`` (smali sources by file name) over the form layout."""
    with tempfile.TemporaryDirectory() as d:
        base, ids = compiled_layouts(_layouts(), Path(d))
        sources = program(ids)  # type: ignore[operator]
        return apk_with(tmp / "app.apk", add={"classes.dex": smali_dex(sources)}, base=base)


def _inputs(r: ScanResult) -> list[tuple[str, tuple[str, ...]]]:
    """(method name, PI types) of each layout-input read, sorted."""
    return sorted((a.location.method, a.pi) for a in _layout(r.access))


def _layout(access: tuple[PIAccess, ...]) -> list[PIAccess]:
    return [a for a in access if a.kind == "layout_input"]


MAIN = "onCreate"


def test_layout_facts_type_each_field(tmp_path: Path) -> None:
    apk = _build(tmp_path, lambda _ids: {"Main.smali": ctor(LAUNCHER, "Landroid/app/Activity;")})
    with tempfile.TemporaryDirectory() as d:
        _base, ids = compiled_layouts(_layouts(), Path(d))
    info = open_apk(apk).info
    got = {name: sorted(info.input_view_pi.get(ids[name], ())) for name in FIELDS}
    assert got == {
        "password": ["account.password"], "pin": ["account.password"], "email": ["contact.email"],
        "phone": ["contact.phone_number"], "person": ["identity.name"], "address": ["contact.address"],
        "user": ["account.id"], "card": ["finance.bank_card"], "otp": [], "legacy": ["account.password"],
        "note": [],
    }
    assert info.password_view_ids == {ids["password"], ids["pin"], ids["legacy"], ids["til_password"],
                                      ids["secret"]}
    assert info.bound_input_pi == {"layout/bound_0": {1: {"account.password"}}}
    assert ids["til_note"] not in info.input_view_pi


# -- findViewById and its cousins ------------------------------------------------------------------

def _find_views(ids: dict[str, int]) -> dict[str, str]:
    """Activity.findViewById (password), View.requireViewById (email), Dialog.findViewById (phone),
    ViewCompat.requireViewById (person), a plain text field, and a new EditText given the password id."""
    body = (_const("v0", ids["password"])
            + f"    invoke-virtual {{p0, v0}}, {LAUNCHER[:-1]};->findViewById(I)Landroid/view/View;\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + "    invoke-virtual {p0}, Landroid/app/Activity;->getWindow()Landroid/view/Window;\n"
            "    move-result-object v2\n"
            "    invoke-virtual {v2}, Landroid/view/Window;->getDecorView()Landroid/view/View;\n"
            "    move-result-object v2\n" + _const("v0", ids["email"])
            + "    invoke-virtual {v2, v0}, Landroid/view/View;->requireViewById(I)Landroid/view/View;\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + "    new-instance v2, Landroid/app/Dialog;\n"
            "    invoke-direct {v2, p0}, Landroid/app/Dialog;-><init>(Landroid/content/Context;)V\n"
            + _const("v0", ids["phone"])
            + "    invoke-virtual {v2, v0}, Landroid/app/Dialog;->findViewById(I)Landroid/view/View;\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + "    invoke-virtual {p0}, Landroid/app/Activity;->getWindow()Landroid/view/Window;\n"
            "    move-result-object v2\n"
            "    invoke-virtual {v2}, Landroid/view/Window;->getDecorView()Landroid/view/View;\n"
            "    move-result-object v2\n" + _const("v0", ids["person"])
            + "    invoke-static {v2, v0}, Landroidx/core/view/ViewCompat;->requireViewById"
            "(Landroid/view/View;I)Landroid/view/View;\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + _const("v0", ids["note"])
            + f"    invoke-virtual {{p0, v0}}, {LAUNCHER[:-1]};->findViewById(I)Landroid/view/View;\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + "    new-instance v1, Landroid/widget/EditText;\n"
            "    invoke-direct {v1, p0}, Landroid/widget/EditText;-><init>(Landroid/content/Context;)V\n"
            + _const("v0", ids["password"])
            + "    invoke-virtual {v1, v0}, Landroid/widget/EditText;->setId(I)V\n" + _log_text("v1"))
    return {"Main.smali": _activity(body)}


def test_find_view_calls_of_every_kind_type_the_read(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _find_views))
    assert sorted(a.pi for a in _layout(r.access)) == [
        ("account.password",), ("contact.email",), ("contact.phone_number",), ("identity.name",)]
    assert {"account.password", "contact.email", "contact.phone_number", "identity.name"} <= set(r.pi_types)
    ids = {a.source_id for a in _layout(r.access)}
    assert ids == {"layout.passwordField", "layout.inputField"}


def test_a_saved_scan_keeps_the_typed_fields(tmp_path: Path) -> None:
    """Saved and read back, with the types; a scan saved before them (password ids alone) still tells
    the password fields."""
    r = scan_apk(_build(tmp_path, _find_views))
    back = scan_from_dict(scan_to_dict(r))
    assert back.app.input_views == r.app.input_views and back.app.bound_inputs == r.app.bound_inputs
    old = scan_to_dict(r)
    del old["app"]["input_views"], old["app"]["bound_inputs"]
    assert scan_from_dict(old).app.password_view_ids == r.app.password_view_ids != frozenset()


# -- ButterKnife -----------------------------------------------------------------------------------

def _butterknife(ids: dict[str, int]) -> dict[str, str]:
    """``MainActivity_ViewBinding`` stores the views ``Utils.findRequiredViewAsType`` finds into the
    activity's fields; the activity reads them in another method."""
    find = ("Lbutterknife/internal/Utils;->findRequiredViewAsType"
            "(Landroid/view/View;ILjava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;")
    binding = ctor(f"{PKG}/MainActivity_ViewBinding;", "Ljava/lang/Object;") + f"""
.method public constructor <init>({LAUNCHER}Landroid/view/View;)V
    .registers 7
    invoke-direct {{p0}}, Ljava/lang/Object;-><init>()V
{_const("v0", ids["password"])}    const-string v1, "field 'password'"
    const-class v2, Landroid/widget/EditText;
    invoke-static {{p2, v0, v1, v2}}, {find}
    move-result-object v0
    check-cast v0, Landroid/widget/EditText;
    iput-object v0, p1, {LAUNCHER}->password:Landroid/widget/EditText;
{_const("v0", ids["note"])}    const-string v1, "field 'note'"
    invoke-static {{p2, v0, v1, v2}}, {find}
    move-result-object v0
    check-cast v0, Landroid/widget/EditText;
    iput-object v0, p1, {LAUNCHER}->note:Landroid/widget/EditText;
    return-void
.end method
"""
    utils = ctor("Lbutterknife/internal/Utils;", OBJ) + (
        f".method public static findRequiredViewAsType({VIEW}ILjava/lang/String;Ljava/lang/Class;){OBJ}\n"
        "    .registers 5\n"
        f"    invoke-virtual {{p0, p1}}, {VIEW}->findViewById(I){VIEW}\n"
        "    move-result-object v0\n"
        f"    invoke-virtual {{p3, v0}}, Ljava/lang/Class;->cast({OBJ}){OBJ}\n"
        "    move-result-object v0\n"
        "    return-object v0\n"
        ".end method\n")
    body = f"""    invoke-virtual {{p0}}, Landroid/app/Activity;->getWindow()Landroid/view/Window;
    move-result-object v0
    invoke-virtual {{v0}}, Landroid/view/Window;->getDecorView()Landroid/view/View;
    move-result-object v0
    new-instance v1, {PKG}/MainActivity_ViewBinding;
    invoke-direct {{v1, p0, v0}}, {PKG}/MainActivity_ViewBinding;-><init>({LAUNCHER}Landroid/view/View;)V
    invoke-direct {{p0}}, {LAUNCHER}->login()V"""
    login = f"""
.field password:Landroid/widget/EditText;
.field note:Landroid/widget/EditText;

.method private login()V
    .registers 5
    iget-object v0, p0, {LAUNCHER}->password:Landroid/widget/EditText;
{_log_text("v0")}    iget-object v0, p0, {LAUNCHER}->note:Landroid/widget/EditText;
{_log_text("v0")}    return-void
.end method
"""
    return {"Main.smali": _activity(body, login), "Binding.smali": binding, "Utils.smali": utils}


def test_butterknife_fields_are_password_views(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _butterknife), taint=True)
    assert _inputs(r) == [("login", ("account.password",))]
    [read] = _layout(r.access)
    assert read.api == "android.widget.EditText.getText"
    assert [lk.pi for lk in r.leaks if "account.password" in lk.pi] == [("account.password",)]


# -- ViewBinding -----------------------------------------------------------------------------------

BINDING = f"{PKG}/databinding/ActivityMainBinding;"


def _view_binding(ids: dict[str, int]) -> dict[str, str]:
    """``ActivityMainBinding.bind(root)`` finds each view with ``ViewBindings.findChildViewById`` (a
    missing one throws) and hands them to the constructor, which keeps them in public final fields."""
    find = "Landroidx/viewbinding/ViewBindings;->findChildViewById(Landroid/view/View;I)Landroid/view/View;"
    binding = f""".class public final {BINDING}
.super Ljava/lang/Object;
.field public final passwordField:Landroid/widget/EditText;
.field public final noteField:Landroid/widget/EditText;
.field private final rootView:Landroid/view/View;

.method private constructor <init>(Landroid/view/View;Landroid/widget/EditText;Landroid/widget/EditText;)V
    .registers 4
    invoke-direct {{p0}}, Ljava/lang/Object;-><init>()V
    iput-object p1, p0, {BINDING}->rootView:Landroid/view/View;
    iput-object p2, p0, {BINDING}->passwordField:Landroid/widget/EditText;
    iput-object p3, p0, {BINDING}->noteField:Landroid/widget/EditText;
    return-void
.end method

.method public static bind(Landroid/view/View;){BINDING}
    .registers 5
{_const("v0", ids["password"])}    invoke-static {{p0, v0}}, {find}
    move-result-object v1
    check-cast v1, Landroid/widget/EditText;
    if-eqz v1, :missing
{_const("v0", ids["note"])}    invoke-static {{p0, v0}}, {find}
    move-result-object v2
    check-cast v2, Landroid/widget/EditText;
    if-eqz v2, :missing
    new-instance v3, {BINDING}
    invoke-direct {{v3, p0, v1, v2}}, {BINDING}-><init>({VIEW}{EDIT}{EDIT})V
    return-object v3
    :missing
    new-instance v1, Ljava/lang/NullPointerException;
    invoke-direct {{v1}}, Ljava/lang/NullPointerException;-><init>()V
    throw v1
.end method
"""
    bindings = ctor("Landroidx/viewbinding/ViewBindings;", "Ljava/lang/Object;") + """
.method public static findChildViewById(Landroid/view/View;I)Landroid/view/View;
    .registers 3
    invoke-virtual {p0, p1}, Landroid/view/View;->findViewById(I)Landroid/view/View;
    move-result-object v0
    return-object v0
.end method
"""
    body = f"""    invoke-virtual {{p0}}, Landroid/app/Activity;->getWindow()Landroid/view/Window;
    move-result-object v0
    invoke-virtual {{v0}}, Landroid/view/Window;->getDecorView()Landroid/view/View;
    move-result-object v0
    invoke-static {{v0}}, {BINDING}->bind(Landroid/view/View;){BINDING}
    move-result-object v2
    iget-object v0, v2, {BINDING}->passwordField:Landroid/widget/EditText;
{_log_text("v0")}    iget-object v0, v2, {BINDING}->noteField:Landroid/widget/EditText;
{_log_text("v0")}"""
    return {"Main.smali": _activity(body), "Binding.smali": binding, "ViewBindings.smali": bindings}


def test_view_binding_fields_are_password_views(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _view_binding))
    assert _inputs(r) == [(MAIN, ("account.password",))]


# -- DataBinding -----------------------------------------------------------------------------------

IMPL = f"{PKG}/databinding/ActivityMainBindingImpl;"
VDB = "Landroidx/databinding/ViewDataBinding;"


def _data_binding(ids: dict[str, int], puts: bool = True) -> dict[str, str]:
    """``ActivityMainBindingImpl``'s static ``sViewsWithIds`` maps the e-mail field to slot 1 and the note
    to slot 2; ``mapBindings`` fills the array the private constructor hands, slot by slot, to the
    generated superclass's constructor, which keeps each view in a field (the activity names the e-mail
    one through the subclass)."""
    map_bindings = (f"{VDB}->mapBindings(Ljava/lang/Object;Landroid/view/View;ILjava/lang/Object;"
                    "Landroid/util/SparseIntArray;)[Ljava/lang/Object;")
    vdb = f""".class public abstract {VDB}
.super Ljava/lang/Object;
.method protected constructor <init>(Ljava/lang/Object;Landroid/view/View;I)V
    .registers 4
    invoke-direct {{p0}}, Ljava/lang/Object;-><init>()V
    return-void
.end method
.method protected static mapBindings({OBJ}{VIEW}I{OBJ}Landroid/util/SparseIntArray;)[{OBJ}
    .registers 6
    new-array v0, p2, [Ljava/lang/Object;
    return-object v0
.end method
"""
    binding = f""".class public abstract {BINDING}
.super {VDB}
.field public final email:Landroid/widget/EditText;
.field public final note:Landroid/widget/EditText;
.method protected constructor <init>({OBJ}{VIEW}I{EDIT}{EDIT})V
    .registers 6
    invoke-direct {{p0, p1, p2, p3}}, {VDB}-><init>(Ljava/lang/Object;Landroid/view/View;I)V
    iput-object p4, p0, {BINDING}->email:Landroid/widget/EditText;
    iput-object p5, p0, {BINDING}->note:Landroid/widget/EditText;
    return-void
.end method
"""
    puts_code = "".join(f"""{_const("v1", ids[name])}    const/4 v2, {slot:#x}
    invoke-virtual {{v0, v1, v2}}, Landroid/util/SparseIntArray;->put(II)V
""" for name, slot in (("email", 1), ("note", 2))) if puts else ""
    impl = f""".class public {IMPL}
.super {BINDING}
.field private static final sIncludes:Ljava/lang/Object;
.field private static final sViewsWithIds:Landroid/util/SparseIntArray;

.method static constructor <clinit>()V
    .registers 3
    const/4 v0, 0x0
    sput-object v0, {IMPL}->sIncludes:Ljava/lang/Object;
    new-instance v0, Landroid/util/SparseIntArray;
    invoke-direct {{v0}}, Landroid/util/SparseIntArray;-><init>()V
    sput-object v0, {IMPL}->sViewsWithIds:Landroid/util/SparseIntArray;
{puts_code}    return-void
.end method

.method public constructor <init>(Ljava/lang/Object;Landroid/view/View;)V
    .registers 8
    sget-object v0, {IMPL}->sIncludes:Ljava/lang/Object;
    sget-object v1, {IMPL}->sViewsWithIds:Landroid/util/SparseIntArray;
    const/4 v2, 0x3
    invoke-static {{p1, p2, v2, v0, v1}}, {map_bindings}
    move-result-object v0
    invoke-direct {{p0, p1, p2, v0}}, {IMPL}-><init>({OBJ}{VIEW}[{OBJ})V
    return-void
.end method

.method private constructor <init>(Ljava/lang/Object;Landroid/view/View;[Ljava/lang/Object;)V
    .registers 12
    const/4 v0, 0x1
    aget-object v4, p3, v0
    check-cast v4, Landroid/widget/EditText;
    const/4 v0, 0x2
    aget-object v5, p3, v0
    check-cast v5, Landroid/widget/EditText;
    const/4 v3, 0x0
    move-object v0, p0
    move-object v1, p1
    move-object v2, p2
    invoke-direct/range {{v0 .. v5}}, {BINDING}-><init>({OBJ}{VIEW}I{EDIT}{EDIT})V
    return-void
.end method
"""
    body = f"""    invoke-virtual {{p0}}, Landroid/app/Activity;->getWindow()Landroid/view/Window;
    move-result-object v0
    invoke-virtual {{v0}}, Landroid/view/Window;->getDecorView()Landroid/view/View;
    move-result-object v0
    new-instance v2, {IMPL}
    const/4 v1, 0x0
    invoke-direct {{v2, v1, v0}}, {IMPL}-><init>(Ljava/lang/Object;Landroid/view/View;)V
    iget-object v0, v2, {IMPL}->email:Landroid/widget/EditText;
{_log_text("v0")}    iget-object v0, v2, {BINDING}->note:Landroid/widget/EditText;
{_log_text("v0")}"""
    return {"Main.smali": _activity(body), "VDB.smali": vdb, "Binding.smali": binding, "Impl.smali": impl}


def test_data_binding_slots_are_typed_views(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _data_binding), taint=True)
    assert _inputs(r) == [(MAIN, ("contact.email",))]
    assert any("contact.email" in lk.pi for lk in r.leaks)


BOUND = """<?xml version="1.0" encoding="utf-8"?>
<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android" android:tag="layout/bound_0"
    android:layout_width="match_parent" android:layout_height="match_parent">
  <EditText android:id="@+id/secret" android:tag="binding_1" android:inputType="textPassword"
      android:layout_width="match_parent" android:layout_height="wrap_content"/>
  <EditText android:tag="binding_2" android:layout_width="match_parent" android:layout_height="wrap_content"/>
</LinearLayout>
"""
"""A data-binding layout as the build leaves it: views bound in expressions tagged with their slot."""


def _data_binding_tags(ids: dict[str, int]) -> dict[str, str]:
    """The DataBinding program with no id map: the slots come from the layout's ``binding_N`` tags, the
    layout is tied to ``ActivityMainBindingImpl`` by the mapper that makes it for ``layout/bound_0``."""
    sources = _data_binding(ids, puts=False)
    mapper = f"{PKG}/DataBinderMapperImpl;"
    sources["Mapper.smali"] = ctor(mapper, OBJ) + f"""
.method public getDataBinder({OBJ}{VIEW}Ljava/lang/String;){OBJ}
    .registers 5
    const-string v0, "layout/bound_0"
    invoke-virtual {{v0, p3}}, Ljava/lang/String;->equals({OBJ})Z
    move-result v0
    if-eqz v0, :other
    new-instance v0, {IMPL}
    invoke-direct {{v0, p1, p2}}, {IMPL}-><init>({OBJ}{VIEW})V
    return-object v0
    :other
    const/4 v0, 0x0
    return-object v0
.end method
"""
    return sources


def test_data_binding_slots_of_expression_views_come_from_the_layout_tags(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _data_binding_tags))
    assert _inputs(r) == [(MAIN, ("account.password",))]


# -- Kotlin synthetics -----------------------------------------------------------------------------

def _kotlin_synthetic(ids: dict[str, int]) -> dict[str, str]:
    """``_$_findCachedViewById(id)``, the activity's cache of ``findViewById``, for the phone field and
    the note; the view cache method itself names no id."""
    cache = f"""
.field private _$_findViewCache:Ljava/util/HashMap;

.method public _$_findCachedViewById(I)Landroid/view/View;
    .registers 5
    iget-object v0, p0, {LAUNCHER}->_$_findViewCache:Ljava/util/HashMap;
    if-nez v0, :have
    new-instance v0, Ljava/util/HashMap;
    invoke-direct {{v0}}, Ljava/util/HashMap;-><init>()V
    iput-object v0, p0, {LAUNCHER}->_$_findViewCache:Ljava/util/HashMap;
    :have
    invoke-static {{p1}}, Ljava/lang/Integer;->valueOf(I)Ljava/lang/Integer;
    move-result-object v1
    invoke-virtual {{v0, v1}}, Ljava/util/HashMap;->get(Ljava/lang/Object;)Ljava/lang/Object;
    move-result-object v2
    check-cast v2, Landroid/view/View;
    if-nez v2, :done
    invoke-virtual {{p0, p1}}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v2
    invoke-virtual {{v0, v1, v2}}, Ljava/util/HashMap;->put({OBJ}{OBJ}){OBJ}
    :done
    return-object v2
.end method
"""
    find = f"{LAUNCHER}->_$_findCachedViewById(I)Landroid/view/View;"
    body = (_const("v0", ids["phone"]) + f"    invoke-virtual {{p0, v0}}, {find}\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1")
            + _const("v0", ids["note"]) + f"    invoke-virtual {{p0, v0}}, {find}\n"
            "    move-result-object v1\n    check-cast v1, Landroid/widget/EditText;\n" + _log_text("v1"))
    return {"Main.smali": _activity(body, cache)}


def test_kotlin_synthetic_views_are_typed(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _kotlin_synthetic))
    assert _inputs(r) == [(MAIN, ("contact.phone_number",))]


# -- a helper that takes the id --------------------------------------------------------------------

def _helper(ids: dict[str, int]) -> dict[str, str]:
    """``textOf(id)`` reads the text of the view it finds; called with the card field's id and the note's."""
    helper = """
.method private textOf(I)Ljava/lang/String;
    .registers 4
    invoke-virtual {p0, p1}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;
    move-result-object v0
    check-cast v0, Landroid/widget/TextView;
    invoke-virtual {v0}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;
    move-result-object v0
    invoke-interface {v0}, Ljava/lang/CharSequence;->toString()Ljava/lang/String;
    move-result-object v0
    return-object v0
.end method
"""
    call = f"    invoke-direct {{p0, v0}}, {LAUNCHER}->textOf(I)Ljava/lang/String;\n"
    body = _const("v0", ids["card"]) + call + _const("v0", ids["note"]) + call
    return {"Main.smali": _activity(body, helper)}


def test_an_id_handed_to_a_helper_types_its_read(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _helper))
    assert _inputs(r) == [("textOf", ("finance.bank_card", "input.text"))]  # the card's, or the note's


# -- a Material text field ------------------------------------------------------------------------

def _wrapped(ids: dict[str, int]) -> dict[str, str]:
    """``findViewById(til)`` gives the ``TextInputLayout``; ``getEditText()`` the field it wraps."""
    body = ""
    for name in ("til_password", "til_note"):
        body += (_const("v0", ids[name])
                 + f"    invoke-virtual {{p0, v0}}, {LAUNCHER[:-1]};->findViewById(I){VIEW}\n"
                 f"    move-result-object v1\n    check-cast v1, {TIL}\n"
                 f"    invoke-virtual {{v1}}, {TIL}->getEditText(){EDIT}\n"
                 "    move-result-object v1\n" + _log_text("v1"))
    return {"Main.smali": _activity(body)}


def test_a_text_input_layout_hands_out_its_typed_field(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _wrapped))
    assert _inputs(r) == [(MAIN, ("account.password",))]


# -- a TextWatcher -----------------------------------------------------------------------------------

WATCHER = "Landroid/text/TextWatcher;"


def _watcher(ids: dict[str, int]) -> dict[str, str]:
    """A ``TextWatcher`` added to the password field logs the text ``afterTextChanged`` is handed;
    another added to the note does the same: the note declares no kind, its text is still typed."""
    sources = {}
    body = ""
    for n, name in enumerate(("password", "note")):
        cls = f"{PKG}/W{n};"
        sources[f"W{n}.smali"] = f""".class public {cls}
.super {OBJ}
.implements {WATCHER}
.method public constructor <init>()V
    .registers 1
    invoke-direct {{p0}}, {OBJ}-><init>()V
    return-void
.end method
.method public afterTextChanged(Landroid/text/Editable;)V
    .registers 4
    invoke-virtual {{p1}}, {OBJ}->toString()Ljava/lang/String;
    move-result-object v0
    const-string v1, "t"
    invoke-static {{v1, v0}}, {LOG_I}
    return-void
.end method
.method public beforeTextChanged(Ljava/lang/CharSequence;III)V
    .registers 5
    return-void
.end method
.method public onTextChanged(Ljava/lang/CharSequence;III)V
    .registers 5
    return-void
.end method
"""
        body += (_const("v0", ids[name])
                 + f"    invoke-virtual {{p0, v0}}, {LAUNCHER[:-1]};->findViewById(I){VIEW}\n"
                 f"    move-result-object v1\n    check-cast v1, {EDIT}\n"
                 f"    new-instance v2, {cls}\n    invoke-direct {{v2}}, {cls}-><init>()V\n"
                 f"    invoke-virtual {{v1, v2}}, {EDIT}->addTextChangedListener({WATCHER})V\n")
    sources["Main.smali"] = _activity(body)
    return sources


def test_a_text_watcher_on_a_typed_field_reads_it(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _watcher), taint=True)
    assert sorted((a.location.cls, a.location.method, a.pi) for a in _layout(r.access)) == [
        ("com.piflow.sample.notes.W0", m, ("account.password",))
        for m in ("afterTextChanged", "beforeTextChanged", "onTextChanged")]
    assert [(lk.sink.cls, lk.pi) for lk in r.leaks] == [("com.piflow.sample.notes.W0", ("account.password",)),
                                                         ("com.piflow.sample.notes.W1", ("input.text",))]


# -- library code reading its R class --------------------------------------------------------------

def _library_r(ids: dict[str, int]) -> dict[str, str]:
    """A library built against its own ``R$id`` (not inlined) reads the ids with ``sget``."""
    r_id = f""".class public final Lcom/lib/R$id;
.super {OBJ}
.field public static final password:I = {ids["password"]:#x}
.field public static final note:I = {ids["note"]:#x}
"""
    lib = ctor("Lcom/lib/Login;", OBJ)
    for name in ("password", "note"):
        lib += f"""
.method public static {name}(Landroid/app/Activity;)V
    .registers 5
    sget v0, Lcom/lib/R$id;->{name}:I
    invoke-virtual {{p0, v0}}, Landroid/app/Activity;->findViewById(I){VIEW}
    move-result-object v1
    check-cast v1, {EDIT}
{_log_text("v1")}    return-void
.end method
"""
    body = ("    invoke-static {p0}, Lcom/lib/Login;->password(Landroid/app/Activity;)V\n"
            "    invoke-static {p0}, Lcom/lib/Login;->note(Landroid/app/Activity;)V\n")
    return {"Main.smali": _activity(body), "R.smali": r_id, "Lib.smali": lib}


def test_a_library_reading_its_r_class_finds_the_field(tmp_path: Path) -> None:
    r = scan_apk(_build(tmp_path, _library_r))
    assert _inputs(r) == [("password", ("account.password",))]


@pytest.mark.parametrize("program", [_watcher, _library_r, _wrapped, _butterknife, _view_binding,
                                     _data_binding, _data_binding_tags, _kotlin_synthetic, _helper])
def test_without_typed_fields_nothing_is_a_source(tmp_path: Path, program: object) -> None:
    """The same programs over a layout where every field is plain text: no read is a source."""
    plain = {name: 'android:inputType="text"' for name in FIELDS}
    with tempfile.TemporaryDirectory() as d:
        unmasked = WRAPPED.replace('android:inputType="textWebPassword"', "")
        layouts = {"form": form_layout(plain), "wrapped": unmasked,
                   "bound": BOUND.replace('android:inputType="textPassword"', "")}
        base, ids = compiled_layouts(layouts, Path(d))
        apk = apk_with(tmp_path / "plain.apk", add={"classes.dex": smali_dex(program(ids))}, base=base)  # type: ignore[operator]
    assert _layout(scan_apk(apk).access) == []


# -- text the user types into a field that declares no kind ------------------------------------------

LABELS = """<?xml version="1.0" encoding="utf-8"?>
<LinearLayout xmlns:android="http://schemas.android.com/apk/res/android"
    android:layout_width="match_parent" android:layout_height="match_parent">
  <TextView android:id="@+id/label" android:layout_width="match_parent" android:layout_height="wrap_content"/>
  <Button android:id="@+id/go" android:layout_width="match_parent" android:layout_height="wrap_content"/>
  <AutoCompleteTextView android:id="@+id/query" android:layout_width="match_parent"
      android:layout_height="wrap_content"/>
</LinearLayout>
"""
"""A label, a button and a search box: only the search box takes what the user types."""


def test_layout_facts_list_the_untyped_fields_by_class(tmp_path: Path) -> None:
    apk = _build(tmp_path, lambda _ids: {"Main.smali": ctor(LAUNCHER, "Landroid/app/Activity;")})
    with tempfile.TemporaryDirectory() as d:
        _base, ids = compiled_layouts(_layouts(), Path(d))
    views = dict(open_apk(apk).info.text_views)
    assert views[ids["note"]] == "EditText" and views[ids["til_note"]] == "EditText"  # the wrapped field
    assert ids["password"] not in views and ids["til_password"] not in views
    assert ids["otp"] not in views  # its hint says it takes no PI


def _text_views(ids: dict[str, int]) -> dict[str, str]:
    """Each of the labels layout's views read as a ``TextView``."""
    body = ""
    for name in ("label", "go", "query"):
        body += (_const("v0", ids[name])
                 + f"    invoke-virtual {{p0, v0}}, {LAUNCHER[:-1]};->findViewById(I){VIEW}\n"
                 "    move-result-object v1\n    check-cast v1, Landroid/widget/TextView;\n"
                 "    invoke-virtual {v1}, Landroid/widget/TextView;->getText()Ljava/lang/CharSequence;\n"
                 "    move-result-object v3\n"
                 f"    invoke-virtual {{v3}}, {OBJ}->toString()Ljava/lang/String;\n"
                 "    move-result-object v3\n"
                 f'    const-string v1, "{name}"\n    invoke-static {{v1, v3}}, {LOG_I}\n')
    return {"Main.smali": _activity(body)}


def test_an_editable_view_is_user_input_and_a_label_is_not(tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory() as d:
        base, ids = compiled_layouts({"labels": LABELS}, Path(d))
        apk = apk_with(tmp_path / "labels.apk", add={"classes.dex": smali_dex(_text_views(ids))}, base=base)
    r = scan_apk(apk, taint=True)
    typed = [a for a in r.access if a.kind == "user_input"]
    assert [(a.source_id, a.pi) for a in typed] == [("input.editableText", ("input.text",))]
    assert [lk.pi for lk in r.leaks] == [("input.text",)]


def test_untyped_fields_read_as_edit_texts_are_user_input(tmp_path: Path) -> None:
    """The note (typed by nothing) and a new EditText given the password field's id: what the user typed,
    of no declared kind; the typed fields keep their types."""
    r = scan_apk(_build(tmp_path, _find_views))
    assert [a.pi for a in r.access if a.kind == "user_input"] == [("input.text",)] * 2
    assert sorted(a.pi for a in _layout(r.access)) == [
        ("account.password",), ("contact.email",), ("contact.phone_number",), ("identity.name",)]


def test_an_edit_text_overriding_get_text_is_not_a_reader_its_callers_are(tmp_path: Path) -> None:
    """AppCompat-style: an EditText subclass whose getText returns super.getText() is the view itself,
    not a read of what the user typed; the activity calling that getText is the read."""
    edit = "Lcom/piflow/sample/notes/MyEdit;"
    sub = (ctor(edit, "Landroid/widget/EditText;")
           + ".method public getText()Landroid/text/Editable;\n    .registers 2\n"
             "    invoke-super {p0}, Landroid/widget/EditText;->getText()Landroid/text/Editable;\n"
             "    move-result-object v0\n    return-object v0\n.end method\n")
    main = (ctor(LAUNCHER, "Landroid/app/Activity;")
            + ".method public onCreate(Landroid/os/Bundle;)V\n    .registers 4\n"
              "    const v0, 0x7f010001\n"
              "    invoke-virtual {p0, v0}, Landroid/app/Activity;->findViewById(I)Landroid/view/View;\n"
              f"    move-result-object v0\n    check-cast v0, {edit}\n"
              f"    invoke-virtual {{v0}}, {edit}->getText()Landroid/text/Editable;\n"
              "    move-result-object v0\n"
              "    invoke-virtual {v0}, Ljava/lang/Object;->toString()Ljava/lang/String;\n"
              "    move-result-object v0\n    const-string v1, \"t\"\n"
              "    invoke-static {v1, v0}, Landroid/util/Log;->i(Ljava/lang/String;Ljava/lang/String;)I\n"
              "    return-void\n.end method\n")
    dex = smali_dex({"E.smali": sub, "M.smali": main})
    apk = apk_with(tmp_path / "own.apk", replace={"classes.dex": dex})
    r = scan_apk(apk, taint=True)
    reads = [a.location.method for a in r.access if a.kind == "user_input"]
    assert reads == ["onCreate"]  # the caller, not MyEdit.getText's super call
    assert [lk.pi for lk in r.leaks] == [("input.text",)]
