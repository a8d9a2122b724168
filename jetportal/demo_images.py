"""Illustrations for the demo content, drawn with Pillow so nothing is downloaded at run time."""

import io

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

PALETTES = {
    "navy": ((18, 54, 107), (236, 242, 250), (179, 32, 42)),
    "teal": ((12, 96, 104), (230, 245, 244), (242, 169, 0)),
    "plum": ((92, 38, 112), (245, 236, 248), (18, 54, 107)),
    "forest": ((28, 94, 52), (233, 245, 236), (179, 32, 42)),
    "slate": ((52, 64, 84), (238, 241, 245), (12, 96, 104)),
}


def illustration(palette="navy", size=(960, 540), motif="circles", seed=0):
    """An abstract, calm picture: shapes on a tinted background (PNG bytes in a ContentFile)."""
    dark, light, accent = PALETTES[palette]
    image = Image.new("RGB", size, light)
    draw = ImageDraw.Draw(image)
    width, height = size
    if motif == "circles":
        for index in range(5):
            radius = height // (3 + index)
            x = (width * (index + 1 + seed)) // 7 % width
            y = height // 2 + ((-1) ** index) * height // 6
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=dark, width=10)
        draw.ellipse((width - height // 2, height // 8, width - height // 8, height // 2), fill=accent)
    elif motif == "bars":
        bar = width // 9
        for index in range(7):
            top = height - (height * (index + 2 + seed) % 7 + 2) * height // 10
            draw.rectangle(
                (bar * (index + 1), max(top, height // 8), bar * (index + 1) + bar // 2, height),
                fill=dark if index % 3 else accent,
            )
    else:  # play: a poster with a big play symbol
        draw.rectangle((0, 0, width, height), fill=dark)
        for index in range(6):
            draw.line((0, height * index // 6 + seed * 7, width, height * index // 6 + 40), fill=accent, width=4)
        cx, cy, r = width // 2, height // 2, height // 5
        draw.polygon([(cx - r // 2, cy - r), (cx - r // 2, cy + r), (cx + r, cy)], fill=light)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name=f"{palette}-{motif}.png")
