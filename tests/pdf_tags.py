"""What a PDF/UA checker would say of a document's tagging, read with pikepdf: text outside
marked content, a marked-content id that no structure element owns, a missing language, a
structure tree that does not hold together."""

from __future__ import annotations

import io

import pikepdf

TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


def elements(pdf: pikepdf.Pdf):
    """Every structure element under the root (depth first, reading order)."""
    root = pdf.Root.StructTreeRoot
    stack = [root.K]
    while stack:
        node = stack.pop()
        if isinstance(node, pikepdf.Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") != "/MCR" and "/S" in node:
            yield node
            kids = node.get("/K")
            if kids is not None:
                stack.append(kids)


def owned_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(page number, MCID) of every marked-content sequence the structure tree points at."""
    pages = {page.objgen: n for n, page in enumerate(pdf.pages)}
    owned = set()
    for element in elements(pdf):
        page = element.get("/Pg")
        kids = element.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, int):
                owned.add((pages[page.objgen], int(kid)))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                owned.add((pages[kid.Pg.objgen], int(kid.MCID)))
    return owned


def roles(data: bytes) -> list[str]:
    """The roles of the structure elements in reading order, e.g. ["Document", "H1", "P", …]."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return [str(e.S)[1:] for e in elements(pdf)]


def problems(data: bytes) -> list[str]:
    """Everything that breaks the tagging rules; empty for a well-tagged document."""
    found: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        root = pdf.Root
        if not str(root.get("/Lang", "")):
            found.append("the catalog has no /Lang")
        if not root.get("/MarkInfo", {}).get("/Marked", False):
            found.append("the catalog is not /MarkInfo /Marked true")
        if "/StructTreeRoot" not in root:
            return [*found, "there is no structure tree"]
        if "/Metadata" not in root or b"pdfuaid:part>1<" not in root.Metadata.read_bytes():
            found.append("the XMP metadata does not say PDF/UA-1")
        if not root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False):
            found.append("the viewer is not told to show the title")
        owned = owned_mcids(pdf)
        parent_tree = dict(pikepdf.NumberTree(root.StructTreeRoot.ParentTree).items())
        for number, page in enumerate(pdf.pages):
            if "/StructParents" not in page.obj or int(page.obj.StructParents) not in parent_tree:
                found.append(f"page {number + 1} has no entry in the parent tree")
            stack: list[tuple[str, int | None]] = []
            seen: set[int] = set()
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op in ("BDC", "BMC"):
                    tag = str(operands[0])[1:]
                    mcid = None
                    if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                        mcid = int(operands[1].MCID)
                        if any(m is not None for _t, m in stack):
                            found.append(f"page {number + 1}: MCID {mcid} is nested in another")
                        if (number, mcid) not in owned:
                            found.append(f"page {number + 1}: MCID {mcid} ({tag}) is missing from the structure tree")
                        if mcid in seen:
                            found.append(f"page {number + 1}: MCID {mcid} is used twice")
                        seen.add(mcid)
                    stack.append((tag, mcid))
                elif op == "EMC":
                    if not stack:
                        found.append(f"page {number + 1}: EMC without BDC")
                    else:
                        stack.pop()
                elif op in TEXT_OPERATORS and not any(m is not None or t == "Artifact" for t, m in stack):
                    found.append(f"page {number + 1}: text outside marked content: {operands!r:.60}")
            if stack:
                found.append(f"page {number + 1}: marked content left open")
            missing = {m for p, m in owned if p == number} - seen
            if missing:
                found.append(f"page {number + 1}: the structure tree points at MCIDs {sorted(missing)} not on the page")
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") != "/Link":
                    continue
                if "/StructParent" not in annot:
                    found.append(f"page {number + 1}: a link that belongs to no structure element")
                elif str(parent_tree.get(int(annot.StructParent), {}).get("/S", "")) != "/Link":
                    found.append(f"page {number + 1}: a link annotation whose element is not a Link")
                elif not any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                             and k.Obj.objgen == annot.objgen
                             for k in parent_tree[int(annot.StructParent)].K):
                    found.append(f"page {number + 1}: a Link element that does not hold its annotation")
    return found


def watermarks(data: bytes) -> list[list[str]]:
    """Per page, the operators drawn inside the draft watermark's artifact (empty: none)."""
    out = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            inside, ops = 0, []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "BDC" and str(operands[0]) == "/Artifact" and operands[1].get("/Subtype") == "/Watermark":
                    inside = 1
                elif inside and op in ("BDC", "BMC"):
                    inside += 1
                elif inside and op == "EMC":
                    inside -= 1
                elif inside and op == "Do":  # a form: what it draws
                    form = page.Resources.XObject[str(operands[0])]
                    ops += [str(o) for _a, o in pikepdf.parse_content_stream(form)]
                elif inside:
                    ops.append(op)
            out.append(ops)
    return out


def watermarked(data: bytes) -> list[bool]:
    """Per page: does it carry the draft watermark, as filled shapes?"""
    return [bool(ops) and "f" in ops and not {"Tj", "TJ"} & set(ops) for ops in watermarks(data)]
