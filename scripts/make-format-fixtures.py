#!/usr/bin/env python3
"""Writes fixtures/formats/: the seeds' candidate as plain text (one
paragraph per line, as mtcheck extracts Word and HTML articles), as a Word
document and as a web page, for tests/formats.rs (the three must give the
same findings). Standard library only; rerun after changing the seed:

    python3 scripts/make-format-fixtures.py
"""
import html
import pathlib
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "xi-moscow-suspected-mt.txt"
OUT = ROOT / "fixtures" / "formats"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def xml_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(line):
    """The line as several runs, split at spaces, as Word saves edited text."""
    words = line.split(" ")
    third = max(1, len(words) // 3)
    parts = [" ".join(words[:third]) + " ", " ".join(words[third:2 * third]), " " + " ".join(words[2 * third:])]
    parts = [p for p in parts if p.strip()]
    return "".join(
        f'<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{xml_text(p)}</w:t></w:r>'
        if i == 1 else f'<w:r><w:t xml:space="preserve">{xml_text(p)}</w:t></w:r>'
        for i, p in enumerate(parts)
    )


def docx(lines):
    body = []
    for i, line in enumerate(lines):
        extra = ""
        if i == 1:
            # A tracked deletion: not part of the text.
            extra = '<w:del w:id="1" w:author="ed"><w:r><w:delText>deleted words </w:delText></w:r></w:del>'
        body.append(f"<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>{extra}{runs(line)}</w:p>")
        if i == 0:
            body.append("<w:p/>")  # an empty paragraph: no line
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    path = OUT / "article.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in [("[Content_Types].xml", types), ("_rels/.rels", rels), ("word/document.xml", document)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def page(lines):
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8"><title>Xi in Moscow | News</title>',
        "<style>p { margin: 0 } .x::after { content: 'not text' }</style>",
        '<script>var tracker = "<p>not text</p>";</script></head>',
        "<body><nav><!-- menu --></nav><article>",
    ]
    for i, line in enumerate(lines):
        text = html.escape(line, quote=False).replace("\u2019", "&#8217;")
        tag = "h1" if i == 0 else "p"
        out.append(f"<{tag}>{text}</{tag}>")
    out.append("</article><script>console.log('<b>no</b>')</script></body></html>")
    (OUT / "article.html").write_text("\n".join(out) + "\n", encoding="utf-8")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [l.strip() for l in SEED.read_text(encoding="utf-8").splitlines() if l.strip()]
    (OUT / "article.txt").write_text("".join(l + "\n" for l in lines), encoding="utf-8")
    docx(lines)
    page(lines)


if __name__ == "__main__":
    main()
