"""Build the bad-input corpus described by ``manifest.toml`` into a folder.

The repository carries only the manifest, a valid base report (``base.toml``) and
this script: most cases are the base with one thing broken (``replace``), and the
big, binary or special ones (a 10 MB file, a 1 MB string, NUL bytes, a FIFO, a
symlink loop, a zip bomb ...) are made here, so the repository never carries
megabytes. Run it by hand to look at the files::

    python tests/corpus/make_corpus.py /tmp/corpus      # TOML inputs and DOCX inputs

Every case is deterministic (random bytes come from a fixed seed). Cases that
need a tool (pandoc, LibreOffice) are left out when the tool is missing; the
tests say so.
"""

from __future__ import annotations

import io
import os
import random
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.toml"
BASE = HERE / "base.toml"
ROOT = HERE.parent.parent
SEED_DOCX = ROOT / "examples" / "china-russia-relationship.docx"

MB = 1024 * 1024


def manifest() -> dict:
    with open(MANIFEST, "rb") as fh:
        return tomllib.load(fh)


def base_text() -> str:
    return BASE.read_text(encoding="utf-8")


# -- TOML inputs --------------------------------------------------------------------------------


def _replaced(text: str, pairs: list[list[str]], name: str) -> str:
    for old, new in pairs:
        if old not in text:
            raise ValueError(f"case {name}: {old!r} is not in the base report")
        text = text.replace(old, new, 1)
    return text


def _big_summary(target_bytes: int) -> str:
    """Prose paragraphs (the way a long report is long), about ``target_bytes`` of them."""
    sentence = "Dr. Rao said that the port at Hambantota changed how Sri Lanka weighs its debts. "
    paragraph = sentence * 8 + "\n\n"
    return paragraph * (target_bytes // len(paragraph) + 1)


def make_ten_megabytes(text: str) -> bytes:
    """A 10 MB report (a summary of prose) whose one problem is on its last lines."""
    summary = '[summary]\ntext = """\n' + _big_summary(10 * MB) + '"""\n'
    text = text.replace(
        '[summary]\ntext = """\nDr. Anita Rao spoke on how ports shape power in the Indian Ocean.\n"""\n', summary
    )
    return (text + 'plcae = "New Delhi"\n').encode("utf-8")


def make_one_megabyte_string(text: str) -> bytes:
    """A 1 MB single string where a short word belongs: the message must not repeat it."""
    return text.replace('form = "talk"', 'form = "' + "talk" * (MB // 4) + '"').encode("utf-8")


def make_one_megabyte_unclosed_string(text: str) -> bytes:
    return text.replace('series = "Monday Morning Meeting"', 'series = "' + "Monday " * (MB // 7)).encode("utf-8")


def make_one_megabyte_line(text: str) -> bytes:
    """1 MB of text on one line where a key belongs (no '=' anywhere)."""
    return text.replace("[event]\n", "[event]\n" + "x" * MB + "\n").encode("utf-8")


def make_deep_arrays(text: str) -> bytes:
    return text.replace('tags = ["Corpus"]', "tags = " + "[" * 100_000 + "]" * 100_000).encode("utf-8")


def make_deep_inline_tables(text: str) -> bytes:
    return text.replace('tags = ["Corpus"]', "tags = " + "{a = " * 50_000 + "1" + "}" * 50_000).encode("utf-8")


def make_deep_dotted_key(text: str) -> bytes:
    """A key of 50,000 parts (a.a.a...): quadratic in naive parsers."""
    return (text + "\n" + ".".join(["a"] * 50_000) + " = 1\n").encode("utf-8")


def make_deep_table_header(text: str) -> bytes:
    return (text + "\n[" + ".".join(["a"] * 50_000) + "]\n").encode("utf-8")


def make_many_problems(text: str) -> bytes:
    """2,000 unknown keys: every one reported, in bounded time."""
    extra = "".join(f"unknown_{i} = {i}\n" for i in range(2000))
    return text.replace("chatham_house = false\n", "chatham_house = false\n" + extra).encode("utf-8")


def make_many_people(text: str) -> bytes:
    """2,000 people, one of them twice: the duplicate is found and placed."""
    people = "".join(f'\n[[people]]\nid = "p{i}"\nname = "Person {i}"\n' for i in range(2_000))
    people += '\n[[people]]\nid = "p1999"\nname = "Again"\n'
    return text.replace("\n[summary]", people + "\n[summary]").encode("utf-8")


def make_long_key(text: str) -> bytes:
    return text.replace("chatham_house = false\n", "chatham_house = false\n" + "k" * 100_000 + " = 1\n").encode("utf-8")


def make_empty(text: str) -> bytes:
    return b""


def make_whitespace_only(text: str) -> bytes:
    return b"\n  \n\t\n\n"


def make_comments_only(text: str) -> bytes:
    return b"#:schema ../../schemas/event-report.schema.json\n# a report will go here\n"


def make_binary(text: str) -> bytes:
    rng = random.Random(6)
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(64 * 1024))


def make_random_utf8_noise(text: str) -> bytes:
    """Valid UTF-8 but not TOML: printable junk from many scripts, no NUL."""
    rng = random.Random(7)
    alphabet = "abc xyz =[]{}\"'#.,\n\t\\" + "नमस्ते中国Россия“”‘’—…" + "\u200b\u00a0\ufeff"
    return "".join(rng.choice(alphabet) for _ in range(200_000)).encode("utf-8")


MAKERS = {name[len("make_") :].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("make_")}


def toml_case_bytes(case: dict, base: str) -> bytes | None:
    """The bytes of a file case (None for cases that are not regular files)."""
    name = case["name"]
    if "file" in case:
        return (HERE / case["file"]).read_bytes()
    if "make" in case:
        data = MAKERS[case["make"]](base)
    else:
        data = _replaced(base, case.get("replace", []), name).encode("utf-8")
    enc = case.get("encoding")
    if enc:
        data = data.decode("utf-8").encode(enc)
    if case.get("crlf"):
        data = data.replace(b"\n", b"\r\n")
    if case.get("bom"):
        data = b"\xef\xbb\xbf" + data
    return data


def build_toml(out: Path) -> dict[str, Path]:
    """Every TOML case of the manifest as a path in ``out`` (name -> path)."""
    out.mkdir(parents=True, exist_ok=True)
    base = base_text()
    paths: dict[str, Path] = {}
    for case in manifest()["case"]:
        name = case["name"]
        path = out / case.get("filename", name + ".toml")
        special = case.get("special")
        if special == "missing":
            pass
        elif special == "directory":
            path.mkdir()
            (path / "inside.toml").write_text(base, encoding="utf-8")
        elif special == "symlink-loop":
            other = out / (name + "-other.toml")
            os.symlink(other.name, path)
            os.symlink(path.name, other)
        elif special == "broken-symlink":
            os.symlink("no-such-target.toml", path)
        elif special == "symlink-to-directory":
            target = out / (name + "-target")
            target.mkdir()
            os.symlink(target.name, path)
        elif special == "fifo":
            os.mkfifo(path)
        elif special == "device":
            os.symlink("/dev/zero", path)
        elif special == "unreadable":
            path.write_text(base, encoding="utf-8")
            os.chmod(path, 0)
        elif special:
            raise ValueError(f"case {name}: unknown special {special!r}")
        else:
            path.write_bytes(toml_case_bytes(case, base))
        paths[name] = path
    return paths


# -- DOCX inputs (import, --reference-doc) ---------------------------------------------------


def _zip(files: dict[str, bytes], *, force_zip64: bool = False) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    b'<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b"</Relationships>"
)
DOC_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    b"</Relationships>"
)
DOCUMENT = (
    b'<?xml version="1.0" encoding="UTF-8"?>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hello</w:t></w:r></w:p></w:body></w:document>'
)
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10))
    + b']><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:styleId="a"><w:name w:val="&lol9;"/></w:style></w:styles>'
)


def _bomb_zip(names: list[str], inflated: int) -> bytes:
    """A small zip whose named parts each inflate to ``inflated`` bytes of zeros."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", ROOT_RELS)
        zf.writestr("word/_rels/document.xml.rels", DOC_RELS)
        for name in names:
            with zf.open(name, "w", force_zip64=True) as fh:
                chunk = b"\0" * MB
                for _ in range(inflated // MB):
                    fh.write(chunk)
    return buf.getvalue()


def _lying_sizes(data: bytes) -> bytes:
    """A zip whose central directory claims every part is 10 bytes (the data inflates to more)."""
    out = bytearray(data)
    i = 0
    while True:
        i = out.find(b"PK\x01\x02", i)
        if i < 0:
            return bytes(out)
        out[i + 24 : i + 28] = (10).to_bytes(4, "little")  # uncompressed size
        i += 4


def _many_entries(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        for i in range(n):
            zf.writestr(f"junk/{i}.xml", b"")
    return buf.getvalue()


def _pandoc_docx(out: Path) -> bool:
    if not shutil.which("pandoc"):
        return False
    md = out / "pandoc-source.md"
    md.write_text("# A report\n\nWritten in Markdown, converted by *pandoc*.\n", encoding="utf-8")
    r = subprocess.run(["pandoc", str(md), "-o", str(out / "pandoc.docx")], capture_output=True, timeout=120)
    md.unlink()
    return r.returncode == 0


def _soffice_docx(out: Path) -> bool:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        return False
    work = out / "soffice-work"
    work.mkdir(exist_ok=True)
    txt = work / "libreoffice.txt"
    txt.write_text("A report written as plain text, converted by LibreOffice.\n", encoding="utf-8")
    env = {**os.environ, "HOME": str(work)}  # a private profile: no clash with a running LibreOffice
    r = subprocess.run(
        [
            exe,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{work}/profile",
            "--convert-to",
            "docx",
            "--outdir",
            str(out),
            str(txt),
        ],
        capture_output=True,
        timeout=180,
        env=env,
    )
    shutil.rmtree(work, ignore_errors=True)
    return r.returncode == 0 and (out / "libreoffice.docx").exists()


def _document_bytes(name: str, seed: bytes) -> bytes | None:
    """The bytes of a document case that is a regular file (None for the others)."""
    makers = {
        "empty.docx": lambda: b"",
        "text.docx": lambda: b"just some text, not a document\n",
        "old-word.doc": lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512),
        "pdf.docx": lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n",
        "rtf.docx": lambda: b"{\\rtf1\\ansi Hello}",
        "truncated-half.docx": lambda: seed[: len(seed) // 2],
        "truncated-tail.docx": lambda: seed[:-30],
        "truncated-head.docx": lambda: seed[100:],
        "plain.zip.docx": lambda: _zip({"hello.txt": b"hi"}),
        "no-main-part.docx": lambda: _zip({"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS}),
        "broken-xml.docx": lambda: _zip(
            {
                "[Content_Types].xml": CONTENT_TYPES,
                "_rels/.rels": ROOT_RELS,
                "word/document.xml": b"<w:document><unclosed>",
            }
        ),
        "bad-rels.docx": lambda: _zip(
            {"[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": b"<<not xml", "word/document.xml": DOCUMENT}
        ),
        "billion-laughs.docx": lambda: _zip(
            {
                "[Content_Types].xml": CONTENT_TYPES,
                "_rels/.rels": ROOT_RELS,
                "word/_rels/document.xml.rels": DOC_RELS,
                "word/document.xml": DOCUMENT,
                "word/styles.xml": LAUGHS,
            }
        ),
        "laughs-in-custom-xml.docx": lambda: _zip(
            {"[Content_Types].xml": CONTENT_TYPES, "customXml/item1.xml": LAUGHS.replace(b"w:styles", b"x")}
        ),
        "bomb-custom-xml.docx": lambda: _bomb_zip(["customXml/item1.xml"], 200 * MB),
        "bomb-styles.docx": lambda: _bomb_zip(["word/document.xml", "word/styles.xml"], 200 * MB),
        "bomb-under-the-limits.docx": lambda: _bomb_zip(
            ["customXml/item1.xml", "word/document.xml", "word/styles.xml"], 80 * MB
        ),
        "lying-sizes.docx": lambda: _lying_sizes(
            _bomb_zip(["customXml/item1.xml", "word/document.xml", "word/styles.xml"], 20 * MB)
        ),
        "many-entries.docx": lambda: _many_entries(20_000),
        "damaged-source.docx": lambda: _damaged_source(seed),
        "header-content-type.docx": lambda: _rewritten(
            seed, "[Content_Types].xml", b"wordprocessingml.header+xml", b"wordprocessingml.hdr+xml"
        ),
    }
    return makers[name]() if name in makers else None


def build_docx(out: Path) -> dict[str, Path]:
    """The untrusted documents of the manifest, by name (those whose tool is missing are left out)."""
    out.mkdir(parents=True, exist_ok=True)
    seed = SEED_DOCX.read_bytes()
    paths: dict[str, Path] = {}
    for case in manifest()["document"]:
        name = case["name"]
        path = out / name
        data = _document_bytes(name, seed)
        if data is not None:
            path.write_bytes(data)
        elif name == "pandoc.docx":
            if not _pandoc_docx(out):
                continue
        elif name == "libreoffice.docx":
            if not _soffice_docx(out):
                continue
        elif name == "folder.docx":
            path.mkdir()
        elif name == "fifo.docx":
            os.mkfifo(path)
        elif name == "loop-a.docx":
            os.symlink("loop-b.docx", path)
            os.symlink("loop-a.docx", out / "loop-b.docx")
        elif name == "broken-link.docx":
            os.symlink("nowhere.docx", path)
        elif name == "missing.docx":
            pass
        elif name == "unreadable.docx":
            path.write_bytes(seed)
            os.chmod(path, 0)
        else:
            raise ValueError(f"document {name}: make_corpus.py does not know how to make it")
        paths[name] = path
    return paths


def _rewritten(docx: bytes, part: str, old: bytes, new: bytes) -> bytes:
    """``docx`` with ``old`` replaced by ``new`` in one part."""
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == part:
                assert old in data, (part, old)
                data = data.replace(old, new, 1)
            zf.writestr(info.filename, data)
    return buf.getvalue()


def _damaged_source(seed: bytes) -> bytes:
    """The seed's DOCX with its embedded report altered (the checksum no longer matches)."""
    return _rewritten(seed, "customXml/item1.xml", b"Prathibha", b"Pratibha")


def world_readable(folder: Path) -> None:
    """Let another user (the unprivileged one of the permission case) into the folder."""
    for root, dirs, _files in os.walk(folder):
        for d in dirs:
            p = Path(root) / d
            if not p.is_symlink():
                p.chmod(0o755)
    folder.chmod(0o755)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        print("usage: make_corpus.py OUTDIR", file=sys.stderr)
        return 2
    out = Path(argv[0])
    if out.exists() and any(out.iterdir()):
        print(f"{out}: not empty", file=sys.stderr)
        return 2
    toml = build_toml(out / "toml")
    docx = build_docx(out / "docx")
    world_readable(out)
    print(f"{len(toml)} TOML inputs in {out / 'toml'}, {len(docx)} DOCX inputs in {out / 'docx'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
