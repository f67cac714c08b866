"""Tagged PDF (PDF/UA-1): marked content around what each flowable draws, artifacts for the
page furniture, the structure tree in reading order, and the XMP metadata. reportlab writes none
of it, so the canvas carries a `Tagger` and the documents' own flowables report to it.

Every piece of text on a page is inside a marked-content sequence: either one with an MCID that
belongs to a structure element (a heading, a paragraph, a list item, a table cell, an entry of the
contents), or an artifact (header, footer, page number, watermark, table backgrounds and rules).
Structure elements only group (Document, Table, TR, L, LI, TOC, Div): marked content is opened
by the leaves, so no sequence with an MCID is ever nested in another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfdoc

# The paragraph styles' roles; a style not named here is a paragraph.
ROLES = {"title": "H1", "h1": "H2", "group": "H2", "h2": "H3", "item": "LI", "numbered_item": "LI"}


class Element:
    """A structure element: a role, its parent, and kids in reading order (elements, or the
    (page, MCID) of a marked-content sequence)."""

    __slots__ = ("alt", "kids", "lang", "link", "parent", "role", "scope")

    def __init__(self, role: str, parent: Element | None, lang: str = "") -> None:
        self.role, self.parent, self.lang = role, parent, lang
        self.kids: list[Element | tuple[int, int]] = []
        self.alt = self.scope = ""
        self.link: tuple[int, TaggedLink] | None = None  # (page, link annotation) of a contents entry


class TaggedLink(pdfdoc.LinkAnnotation):
    """A link annotation that says which structure element it belongs to (/StructParent)."""

    permitted = (*pdfdoc.LinkAnnotation.permitted, "StructParent")
    struct_parent: int | None = None

    def Dict(self):
        if self.struct_parent is not None:
            self.otherkw["StructParent"] = self.struct_parent
        return super().Dict()


class Tagger:
    """Collects the structure while the pages are drawn, and writes it when the PDF is saved."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.root = Element("Document", None, language)
        self.stack: list[Element] = [self.root]
        self.mcids: dict[int, list[Element]] = {}  # per page: the element of each MCID
        self.depth = 0  # marked-content sequences open (never more than one)

    # -- structure ---------------------------------------------------------------------------

    def open(self, role: str, lang: str = "") -> Element:
        element = Element(role, self.stack[-1], lang)
        self.stack[-1].kids.append(element)
        self.stack.append(element)
        return element

    def push(self, element: Element) -> None:
        """Go on inside an element opened before (the next page's part of a table)."""
        self.stack.append(element)

    def close(self) -> None:
        if len(self.stack) > 1:
            self.stack.pop()

    def _list(self) -> Element:
        """The list the next item joins: the last kid here if it is a list, else a new one."""
        top = self.stack[-1]
        if top.kids and isinstance(top.kids[-1], Element) and top.kids[-1].role == "L":
            self.stack.append(top.kids[-1])
            return top.kids[-1]
        return self.open("L")

    # -- marked content ------------------------------------------------------------------------

    def _begin(self, canv, element: Element, page: int) -> None:
        ids = self.mcids.setdefault(page, [])
        element.kids.append((page, len(ids)))
        canv._code.append(f"/{element.role} <</MCID {len(ids)}>> BDC")
        ids.append(element)
        self.depth += 1

    def _end(self, canv) -> None:
        canv._code.append("EMC")
        self.depth -= 1

    @contextmanager
    def leaf(self, canv, role: str, lang: str = "") -> Iterator[Element | None]:
        """What is drawn inside is the content of a new element `role` (a list item gets its
        list and its body)."""
        if self.depth:  # inside an artifact or another leaf: it is part of that
            yield None
            return
        if role == "LI":
            self._list()
            self.open("LI")
            element = self.open("LBody", lang)
        else:
            element = self.open(role, lang)
        self._begin(canv, element, canv.page_index())
        try:
            yield element
        finally:
            self._end(canv)
            self.close()
            if role == "LI":
                self.close()
                self.close()

    @contextmanager
    def content(self, canv, element: Element, page: int | None = None) -> Iterator[None]:
        """More content of an element opened before (a page number of the contents)."""
        if self.depth:
            yield
            return
        self._begin(canv, element, canv.page_index() if page is None else page)
        try:
            yield
        finally:
            self._end(canv)

    def begin_artifact(self, canv, kind: str = "Layout", subtype: str = "") -> None:
        extra = f" /Subtype /{subtype}" if subtype else ""
        canv._code.append(f"/Artifact <</Type /{kind}{extra}>> BDC")
        self.depth += 1

    def end_artifact(self, canv) -> None:
        self._end(canv)

    @contextmanager
    def artifact(self, canv, kind: str = "Layout", subtype: str = "") -> Iterator[None]:
        """What is drawn inside is not content: page furniture, rules, backgrounds."""
        if self.depth:
            yield
            return
        self.begin_artifact(canv, kind, subtype)
        try:
            yield
        finally:
            self.end_artifact(canv)

    # -- writing ---------------------------------------------------------------------------------

    def write(self, doc, page_refs: list, meta) -> None:
        """Add the structure tree, the parent tree, /MarkInfo and the XMP metadata to the
        catalog of `doc` (reportlab's PDFDocument), before it is saved."""
        parent_tree: dict[int, list] = {page: [None] * len(ids) for page, ids in self.mcids.items()}
        next_key = len(page_refs)
        root = _Raw(b"")
        root_ref = doc.Reference(root)

        def made(element: Element, parent_ref) -> object:
            node = _StructElem(element, parent_ref, self.language)
            ref = doc.Reference(node)
            pages = [kid[0] for kid in element.kids if isinstance(kid, tuple)]
            if pages:
                node.page = page_refs[pages[0]]
            for kid in element.kids:
                if isinstance(kid, Element):
                    node.kids.append(made(kid, ref))
                    continue
                page, mcid = kid
                parent_tree[page][mcid] = ref
                node.kids.append(mcid if page == pages[0] else (page_refs[page], mcid))
            if element.link is not None:
                nonlocal next_key
                page, link = element.link
                link.struct_parent = next_key
                parent_tree[next_key] = ref
                next_key += 1
                node.kids.append(("OBJR", page_refs[page], doc.Reference(link)))
            return ref

        document_ref = made(self.root, root_ref)
        tree_ref = doc.Reference(_ParentTree(parent_tree))
        root.parts = (b"<< /Type /StructTreeRoot /K ", document_ref, b" /ParentTree ", tree_ref,
                      b" /ParentTreeNextKey %d >>" % next_key)
        catalog = doc.Catalog
        catalog.StructTreeRoot = root_ref
        catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": pdfdoc.PDFtrue})
        stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                        "Subtype": pdfdoc.PDFName("XML")}),
                                  xmp(meta, doc.info.producer).encode("utf-8"), filters=[])
        catalog.Metadata = stream


def _ref(document, ref) -> bytes:
    return b"%d %d R" % document.idToObjectNumberAndVersion[ref.name]


class _Raw(pdfdoc.PDFObject):
    """An object written as it is: bytes, and references resolved when the file is written."""

    def __init__(self, *parts) -> None:
        self.parts = parts

    def format(self, document) -> bytes:
        return b"".join(p if isinstance(p, bytes) else _ref(document, p) for p in self.parts)


class _StructElem(pdfdoc.PDFObject):
    """One structure element, written directly: thousands of them in a long plan, where
    reportlab's generic dictionaries cost a fifth of the whole rendering."""

    def __init__(self, element: Element, parent_ref, language: str) -> None:
        self.element, self.parent_ref, self.language = element, parent_ref, language
        self.page = None
        self.kids: list = []

    def format(self, document) -> bytes:
        e = self.element
        out = [b"<< /Type /StructElem /S /", e.role.encode("ascii"), b" /P ", _ref(document, self.parent_ref)]
        if e.parent is None or (e.lang and e.lang != self.language):
            out += [b" /Lang ", pdfdoc.PDFString(e.lang or self.language).format(document)]
        if e.alt:
            out += [b" /Alt ", pdfdoc.PDFString(e.alt).format(document)]
        if e.scope:
            out.append(b" /A << /O /Table /Scope /%s >>" % e.scope.encode("ascii"))
        if self.page is not None:
            out += [b" /Pg ", _ref(document, self.page)]
        out.append(b" /K [")
        for kid in self.kids:
            if isinstance(kid, int):
                out.append(b" %d" % kid)
            elif isinstance(kid, tuple) and kid[0] == "OBJR":
                out += [b" << /Type /OBJR /Pg ", _ref(document, kid[1]), b" /Obj ", _ref(document, kid[2]), b" >>"]
            elif isinstance(kid, tuple):
                out += [b" << /Type /MCR /Pg ", _ref(document, kid[0]), b" /MCID %d >>" % kid[1]]
            else:
                out += [b" ", _ref(document, kid)]
        out.append(b" ] >>")
        return b"".join(out)


class _ParentTree(pdfdoc.PDFObject):
    """The number tree from each page's MCIDs (and each link) to the elements that own them."""

    def __init__(self, tree: dict[int, list]) -> None:
        self.tree = tree

    def format(self, document) -> bytes:
        out = [b"<< /Nums ["]
        for key in sorted(self.tree):
            value = self.tree[key]
            if isinstance(value, list):
                out.append(b" %d [%s]" % (key, b" ".join(_ref(document, r) for r in value)))
            else:
                out.append(b" %d %s" % (key, _ref(document, value)))
        out.append(b" ] >>")
        return b"".join(out)


def xmp(meta, producer: str = "") -> str:
    """The XMP packet: title, author, subject, language, dates, and the PDF/UA-1 identifier."""
    stamp = meta.date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    lang = escape(meta.language)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{escape(producer)}</pdf:Producer>
   <pdf:Keywords>{escape(meta.keywords)}</pdf:Keywords>
   <xmp:CreatorTool>Verkstad</xmp:CreatorTool>
   <xmp:CreateDate>{stamp}</xmp:CreateDate>
   <xmp:ModifyDate>{stamp}</xmp:ModifyDate>
   <xmp:MetadataDate>{stamp}</xmp:MetadataDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def table_events(table, event: str, *args) -> None:
    """reportlab's table render callback: a data table becomes Table, TR, TH/TD; a layout table
    (`table.layout`) only groups its cells' content; backgrounds and rules are artifacts; the
    header rows a table repeats on its next pages are artifacts there."""
    canv = table.canv
    tagger: Tagger | None = getattr(canv, "tagger", None)
    if tagger is None:
        return
    layout = getattr(table, "layout", False)
    if event == "startTable":
        holder = table.tag_holder
        if "element" in holder:
            tagger.push(holder["element"])
        else:
            holder["element"] = tagger.open("Div" if layout else "Table")
    elif event in ("startBG", "startLines"):
        tagger.begin_artifact(canv)
    elif event in ("endBG", "endLines"):
        tagger.end_artifact(canv)
    elif event == "startRow":
        repeated = table.tag_continued and args[0] < table.repeatRows
        table.tag_row = "artifact" if repeated else ("" if layout else "TR")
        if repeated:
            tagger.begin_artifact(canv, "Pagination")
        elif not layout:
            tagger.open("TR")
    elif event == "startCell":
        row, _col, value = args[0], args[1], args[2]
        table.tag_cell = None
        if table.tag_row == "artifact":
            return
        if not layout:
            cell = tagger.open("TH" if row < table.repeatRows else "TD")
            if cell.role == "TH":
                cell.scope = "Column"
        if not isinstance(value, (list, tuple)) and not hasattr(value, "drawOn") and value not in (None, ""):
            # a plain string cell: reportlab draws it itself
            target = tagger.stack[-1] if not layout else tagger.open("P")
            tagger._begin(canv, target, canv.page_index())
            table.tag_cell = "layout" if layout else "cell"
    elif event == "endCell":
        if table.tag_cell:
            tagger._end(canv)
            if table.tag_cell == "layout":
                tagger.close()
        if table.tag_row != "artifact" and not layout:
            tagger.close()
    elif event == "endRow":
        if table.tag_row == "artifact":
            tagger.end_artifact(canv)
        elif not layout:
            tagger.close()
    elif event == "endTable":
        tagger.close()
