"""Protobuf wire-format bytes for tests: one field at a time, no schema."""

from __future__ import annotations


def pb_field(number: int, payload: bytes | int) -> bytes:
    """Field ``number`` holding a varint (an int) or length-delimited bytes (a string, a nested message)."""
    def varint(v: int) -> bytes:
        out = b""
        while True:
            b, v = v & 0x7F, v >> 7
            out += bytes([b | (0x80 if v else 0)])
            if not v:
                return out
    if isinstance(payload, int):
        return varint(number << 3) + varint(payload)
    return varint(number << 3 | 2) + varint(len(payload)) + payload
