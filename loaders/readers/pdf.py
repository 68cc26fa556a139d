"""PDF: the text layer with pypdf; pages without one are OCR'd (pdftoppm + Tesseract)."""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import cache

from .errors import ReadError

_MIN_CHARS = 16  # fewer letters/digits than this on a page: treat it as scanned
_ALNUM = re.compile(r"\w")


@dataclass
class PdfText:
    text: str
    pages: int
    ocr_pages: list[int] = field(default_factory=list)   # 1-based
    warnings: list[str] = field(default_factory=list)


def pdf_text(data: bytes, ocr: bool = True, max_ocr_pages: int = 50, ocr_lang: str = "vie",
             dpi: int = 300, timeout: float = 120) -> PdfText:
    """Pages joined with "\\n"; scanned pages OCR'd when `ocr` and the tools exist."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("encrypted PDF (needs a password)")
        pages = list(reader.pages)
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError, NotImplementedError) as exc:
        raise ReadError(f"not a PDF: {_one_line(exc)}") from None
    except Exception as exc:  # pypdf raises many types on broken files
        raise ReadError(f"not a PDF: {type(exc).__name__}: {_one_line(exc)}") from None
    if not pages:
        raise ReadError("not a PDF: no pages (truncated or corrupt)")
    out = PdfText("", len(pages))
    texts: list[str] = []
    for i, page in enumerate(pages, 1):
        try:
            texts.append(page.extract_text() or "")
        except Exception as exc:
            texts.append("")
            out.warnings.append(f"page {i}: text layer unreadable ({type(exc).__name__})")
    scanned = [i for i, t in enumerate(texts, 1) if len(_ALNUM.findall(t)) < _MIN_CHARS]
    if scanned and ocr:
        _ocr_pages(data, scanned, texts, out, max_ocr_pages, ocr_lang, dpi, timeout)
    out.text = "\n".join(texts)
    if not _ALNUM.search(out.text):
        why = "; ".join(out.warnings) or "no text layer"
        raise ReadError(f"no text in PDF ({len(pages)} pages): {why}")
    return out


def ocr_available(lang: str = "vie") -> str | None:
    """None when pdftoppm and tesseract (with `lang`) are installed, else what is missing."""
    missing = [exe for exe, pkg in (("pdftoppm", "poppler-utils"), ("tesseract", "tesseract-ocr"))
               if not shutil.which(exe)]
    if missing:
        return "OCR needs " + ", ".join(missing) + " (Debian poppler-utils, tesseract-ocr, tesseract-ocr-" + lang + ")"
    langs = _tesseract_langs()
    if lang not in langs:
        return f"OCR needs Tesseract language data '{lang}' (Debian tesseract-ocr-{lang})"
    return None


@cache
def _tesseract_langs() -> set[str]:
    try:
        run = subprocess.run(["tesseract", "--list-langs"], capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return set()
    lines = (run.stdout or run.stderr).decode("utf-8", "replace").splitlines()
    return {line.strip() for line in lines[1:] if line.strip()}


def _ocr_pages(data: bytes, pages: list[int], texts: list[str], out: PdfText,
               max_pages: int, lang: str, dpi: int, timeout: float) -> None:
    problem = ocr_available(lang)
    if problem:
        out.warnings.append(f"{len(pages)} page(s) without text layer not OCR'd: {problem}")
        return
    if len(pages) > max_pages:
        out.warnings.append(f"only the first {max_pages} of {len(pages)} scanned pages OCR'd")
        pages = pages[:max_pages]
    with tempfile.TemporaryDirectory(prefix="vbgraph-ocr-") as tmp:
        pdf_path = os.path.join(tmp, "in.pdf")
        with open(pdf_path, "wb") as fh:
            fh.write(data)
        for n in pages:
            try:
                text = _ocr_page(pdf_path, n, tmp, lang, dpi, timeout)
            except (OSError, subprocess.SubprocessError, ReadError) as exc:
                out.warnings.append(f"page {n}: OCR failed ({_one_line(exc)})")
                continue
            if text.strip():
                texts[n - 1] = text
                out.ocr_pages.append(n)


def _ocr_page(pdf_path: str, n: int, tmp: str, lang: str, dpi: int, timeout: float) -> str:
    prefix = os.path.join(tmp, f"p{n}")
    run = subprocess.run(["pdftoppm", "-r", str(dpi), "-f", str(n), "-l", str(n), "-gray", "-png",
                          "-singlefile", pdf_path, prefix], capture_output=True, timeout=timeout)
    if run.returncode != 0 or not os.path.exists(prefix + ".png"):
        raise ReadError("pdftoppm: " + run.stderr.decode("utf-8", "replace").strip()[:200])
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    run = subprocess.run(["tesseract", prefix + ".png", "stdout", "-l", lang, "--psm", "3"],
                         capture_output=True, timeout=timeout, env=env)
    os.unlink(prefix + ".png")
    if run.returncode != 0:
        raise ReadError("tesseract: " + run.stderr.decode("utf-8", "replace").strip()[:200])
    return run.stdout.decode("utf-8", "replace").replace("\f", "").rstrip()


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:300] or type(exc).__name__
