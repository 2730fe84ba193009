#!/usr/bin/env python3
"""Draws Hangar's icon (a hangar arch on a blue tile) as RGBA PNGs at every size a desktop asks
for (each drawn at its size, not scaled down), plus the Windows .ico and the macOS .icns that
hold those PNGs, with nothing but the standard library, so the icons can be regenerated on any
machine: `python3 scripts/make_icons.py`."""
import math
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "icons"


def png(size: int) -> bytes:
    rows = []
    r_corner = size * 0.22
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            px, py = x + 0.5, y + 0.5
            # rounded-square tile with a vertical gradient
            dx = max(r_corner - px, 0, px - (size - r_corner))
            dy = max(r_corner - py, 0, py - (size - r_corner))
            inside = math.hypot(dx, dy) <= r_corner
            if not inside:
                row += bytes([0, 0, 0, 0])
                continue
            t = py / size
            r, g, b = int(37 + 20 * t), int(99 - 30 * t), int(235 - 40 * t)
            # the hangar: a half-disc arch with a door cut out of it
            cx, base, radius = size / 2, size * 0.74, size * 0.34
            in_arch = py <= base and math.hypot(px - cx, py - base) <= radius
            door = abs(px - cx) <= radius * 0.42 and py >= base - radius * 0.55 and py <= base
            ground = base < py <= base + size * 0.05 and abs(px - cx) <= radius * 1.15
            if (in_arch and not door) or ground:
                r, g, b = 248, 250, 252
            row += bytes([r, g, b, 255])
        rows.append(bytes(row))
    raw = b"".join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


# The hicolor sizes a Linux desktop looks up; icon.png is the 512 one.
PNG_SIZES = [16, 24, 32, 48, 64, 128, 256]
ICO_SIZES = [16, 24, 32, 48, 64, 256]
# ICNS entry types that hold a PNG of the given size.
ICNS_TYPES = [(b"ic07", 128), (b"ic08", 256), (b"ic09", 512)]


def ico(images: dict) -> bytes:
    """An .ico whose entries are PNGs (Windows Vista and later read them)."""
    header = struct.pack("<HHH", 0, 1, len(ICO_SIZES))
    offset = 6 + 16 * len(ICO_SIZES)
    entries, data = b"", b""
    for size in ICO_SIZES:
        body = images[size]
        dim = 0 if size >= 256 else size  # 0 means 256
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(body), offset + len(data))
        data += body
    return header + entries + data


def icns(images: dict) -> bytes:
    body = b"".join(kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


if __name__ == "__main__":
    OUT.mkdir(exist_ok=True)
    images = {size: png(size) for size in sorted(set(PNG_SIZES + ICO_SIZES + [512]))}
    files = {f"{size}x{size}.png": images[size] for size in PNG_SIZES}
    files["icon.png"] = images[512]
    files["icon.ico"] = ico(images)
    files["icon.icns"] = icns(images)
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print("wrote", OUT / name)
