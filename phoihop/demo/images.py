"""Illustrations for the demo story, drawn locally with Pillow (no photo is copied from anywhere)."""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675


def _hex(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def draw(motif: str, palette: list[str], seed: str) -> bytes:
    """A 1200×675 JPEG: a sky-to-ground gradient and simple shapes that suggest `motif`."""
    rng = random.Random(seed)  # noqa: S311 — not security: the same key always draws the same picture
    top, bottom, accent = (_hex(c) for c in [*palette, "#1d3557", "#a8dadc", "#e63946"][:3])
    image = Image.new("RGB", (WIDTH, HEIGHT))
    pen = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        pen.line([(0, y), (WIDTH, y)], fill=_mix(top, bottom, y / HEIGHT))
    ground = int(HEIGHT * 0.72)
    pen.rectangle([0, ground, WIDTH, HEIGHT], fill=_mix(bottom, (40, 40, 40), 0.35))

    if motif == "city":
        x = 0
        while x < WIDTH:
            w, h = rng.randint(60, 140), rng.randint(120, 380)
            pen.rectangle([x, ground - h, x + w, ground], fill=_mix(top, (20, 20, 30), rng.uniform(0.4, 0.8)))
            for wy in range(ground - h + 15, ground - 10, 28):
                for wx in range(x + 10, x + w - 10, 22):
                    if rng.random() < 0.6:
                        pen.rectangle([wx, wy, wx + 10, wy + 14], fill=(250, 220, 140))
            x += w + rng.randint(4, 18)
    elif motif == "fields":
        for i in range(9):
            y0 = ground + i * 22
            pen.polygon([(0, y0), (WIDTH, y0 - 30), (WIDTH, y0 - 8), (0, y0 + 20)], fill=_mix(accent, bottom, i / 9))
        pen.ellipse([900, 80, 1020, 200], fill=(255, 214, 102))
    elif motif in {"meeting", "ceremony"}:
        pen.rectangle([120, ground - 220, WIDTH - 120, ground - 40], fill=_mix(accent, (255, 255, 255), 0.15))
        pen.rectangle([140, ground - 200, WIDTH - 140, ground - 150], fill=(250, 245, 235))
        for i in range(14):
            cx = 160 + i * 66
            pen.ellipse([cx, ground + 10, cx + 40, ground + 50], fill=_mix(top, (30, 30, 30), 0.5))
            pen.rectangle([cx - 6, ground + 50, cx + 46, ground + 120], fill=_mix(top, (30, 30, 30), 0.6))
        if motif == "ceremony":
            for cx in (WIDTH // 2 - 160, WIDTH // 2 + 120):
                pen.rectangle([cx, ground - 130, cx + 40, ground - 40], fill=(200, 30, 45))
                pen.ellipse([cx + 2, ground - 170, cx + 38, ground - 134], fill=(230, 200, 170))
    elif motif == "workers":
        for i in range(7):
            cx = 120 + i * 150 + rng.randint(-20, 20)
            pen.ellipse([cx, ground - 190, cx + 56, ground - 134], fill=(230, 200, 170))
            pen.pieslice([cx - 6, ground - 206, cx + 62, ground - 150], 180, 360, fill=(255, 200, 0))
            pen.rectangle([cx - 10, ground - 134, cx + 66, ground], fill=_mix(accent, (0, 60, 120), 0.5))
    else:  # document
        for i in range(3):
            x0, y0 = 300 + i * 60, 90 + i * 40
            pen.rectangle([x0, y0, x0 + 460, y0 + 520], fill=(252, 252, 248), outline=(120, 120, 120))
            for line in range(12):
                pen.line(
                    [(x0 + 40, y0 + 80 + line * 32), (x0 + 420 - rng.randint(0, 120), y0 + 80 + line * 32)],
                    fill=(150, 150, 160),
                    width=4,
                )
        pen.ellipse([640, 470, 760, 590], outline=(200, 30, 45), width=8)

    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()
