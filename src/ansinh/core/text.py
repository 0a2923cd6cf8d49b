"""Vietnamese text: folding for diacritic-insensitive search, and name order for sorting."""

import functools
import unicodedata


@functools.lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


def fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ→d), collapse whitespace: `Nguyễn  Văn Ánh` → `nguyen van anh`. Word by
    word, each remembered: a million names use a few thousand words."""
    if not text:
        return ""
    return " ".join(_fold_word(word) for word in text.split())


@functools.lru_cache(maxsize=65536)
def _capitalised(word: str) -> str:
    return word[:1].upper() + word[1:].lower()


def normalize_name(text: str) -> str:
    """A person's name as stored: NFC, single spaces, each word capitalised (each word remembered, as in
    `fold`)."""
    return " ".join(_capitalised(word) for word in unicodedata.normalize("NFC", text or "").split())


def given_name(full_name: str) -> str:
    """Tên: the last word of a Vietnamese full name (họ, tên đệm, tên)."""
    parts = (full_name or "").split()
    return parts[-1] if parts else ""


def sort_key(full_name: str) -> str:
    """Vietnamese sort key: given name first, then the full name (`Nguyễn Văn An` → `an nguyen van an`)."""
    folded = fold(full_name)
    return f"{folded.rsplit(' ', 1)[-1]} {folded}" if folded else ""


def number_text(value, *, percent: bool = False) -> str:
    """A figure as Vietnamese print it: 1.234 or 87,5 (one decimal when not whole), "%" after a share; blank when
    none. Charts, documents and pages use it alike."""
    if value is None or value == "":
        return ""
    whole = float(value) == int(value)
    text = f"{int(value):,}" if whole else f"{float(value):,.1f}"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{text}%" if percent else text
