"""The team's logo on a programme: a PNG or JPEG picture, checked before it is stored or
imported, so that no document fails on it later."""

from __future__ import annotations

import base64
import binascii
import io

from verkstad.errors import RuleError
from verkstad.i18n import _

LOGO_BYTES = 1024 * 1024  # a logo file at most this large
LOGO_PIXELS = 4000  # and at most this wide and high


PHOTO_BYTES = 8 * 1024 * 1024  # a case story's photo: at most this large
PHOTO_PIXELS = 8000  # and this wide and high


def photo_checked(data: bytes | str) -> str:
    """A case story's photo as stored, checked as a logo is but allowed to be larger."""
    return checked(data, limit=PHOTO_BYTES, pixels=PHOTO_PIXELS, message=_(
        "A photo is a PNG or JPEG picture of at most 8 MB and 8,000 pixels a side; this file is not one."))


def checked(data: bytes | str, *, limit: int = LOGO_BYTES, pixels: int = LOGO_PIXELS, message: str = "") -> str:
    """A logo as stored: the picture's bytes in base64, once the whole picture has been decoded
    as a PNG or JPEG of a sensible size; "" for none. Raises RuleError for anything else (a
    JPEG cut short passes Pillow's verify(), so the picture is decoded in full)."""
    if isinstance(data, str):  # already stored once, or read from a programme file (base64)
        try:
            data = base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            data = b"\0"
    if not data:
        return ""
    refused = RuleError(message or _("A logo is a PNG or JPEG picture of at most 1 MB and 4,000 pixels a side; "
                                     "this file is not one."))
    if len(data) > limit or not data.startswith((b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")):
        raise refused
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as picture:
            if picture.format not in ("PNG", "JPEG") or max(picture.size) > pixels:
                raise refused
            picture.load()  # every byte of it: what reportlab will decode for every document
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise refused from exc
    return base64.b64encode(data).decode("ascii")
