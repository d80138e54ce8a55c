"""Java and Dalvik type names: descriptors, Java class names, the parameter list of a prototype.

>>> descriptor_to_java("Lcom/a/B$C;"), descriptor_to_java("[I")
('com.a.B$C', 'int[]')
>>> java_to_descriptor("int[]"), split_params("(IL/a/B;[J)V")
('[I', ('I', 'L/a/B;', '[J'))
"""

from __future__ import annotations


def split_params(proto: str) -> tuple[str, ...]:
    """Parameter descriptors of a prototype: ``(IL…;[J)V`` gives ``("I", "L…;", "[J")``."""
    inner = proto[1:proto.index(")")]
    out = []
    i = 0
    while i < len(inner):
        j = i
        while inner[j] == "[":
            j += 1
        if inner[j] == "L":
            j = inner.index(";", j)
        out.append(inner[i:j + 1])
        i = j + 1
    return tuple(out)


def descriptor_to_java(desc: str) -> str:
    """``Lcom/a/B$C;`` -> ``com.a.B$C``; ``[I`` -> ``int[]``."""
    dims = 0
    while desc.startswith("["):
        dims += 1
        desc = desc[1:]
    base = _PRIMS.get(desc)
    if base is None:
        base = desc[1:-1].replace("/", ".") if desc.startswith("L") and desc.endswith(";") else desc
    return base + "[]" * dims


def java_to_descriptor(name: str) -> str:
    """``com.a.B$C`` -> ``Lcom/a/B$C;``; ``int[]`` -> ``[I``."""
    dims = 0
    while name.endswith("[]"):
        dims += 1
        name = name[:-2]
    prim = _PRIMS_REV.get(name)
    base = prim if prim is not None else "L" + name.replace(".", "/") + ";"
    return "[" * dims + base


_PRIMS = {"V": "void", "Z": "boolean", "B": "byte", "S": "short", "C": "char",
          "I": "int", "J": "long", "F": "float", "D": "double"}
_PRIMS_REV = {v: k for k, v in _PRIMS.items()}
