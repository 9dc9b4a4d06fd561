"""The guide contract (issues 7.6, 9.5): the parts every guide must have, checked on its
Markdown source and on its built HTML. ``tests/test_guide_contract.py`` runs it over every
guide of the catalog; each check returns the problems it found, each naming the part.

The page rhythm (see README "Adding a guide"): lead ending in a bold figure produced by a
macro; a "What to do" box right after it (3-6 actions, each with a figure); the sections How it
works, Worked example, Checked against published numbers, Try it, Assumptions and sources,
Further reading, in that order; a live calculator under Try it; the sources table under
Assumptions and sources; a published reference value reproduced by a registered check
(``{{ check('name') }}``) and shown; the URL and section anchors in ``published_urls.txt``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

SECTIONS = (
    ("how-it-works", "How it works"),
    ("worked-example", "Worked example"),
    ("checked-against-published-numbers", "Checked against published numbers"),
    ("try-it", "Try it"),
    ("assumptions-and-sources", "Assumptions and sources"),
    ("further-reading", "Further reading"),
)
PARTS = ("lead", "what-to-do", "sections", "calculator", "sources", "reference-check",
         "further-reading", "published-urls")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
MACRO = re.compile(r"\{\{.*?\}\}", re.S)
CHECK = re.compile(r"""check\(\s*['"]([\w-]+)['"]\s*\)""")
DIGIT = re.compile(r"\d")
ITEM = re.compile(r"^\s{4}(?:[-*+]|\d+\.)\s")
LINK = re.compile(r"\[[^\]]+\]\([^)]+\)")


def _rhythm(found: list[str], wanted: list[str], where: str) -> list[str]:
    """Problems with the rhythm sections among ``found`` (titles or ids): missing, or order."""
    problems = []
    missing = [w for w in wanted if w not in found]
    if missing:
        problems.append(f"{where}missing sections {missing}")
    order = [f for f in found if f in wanted]
    if order != [w for w in wanted if w in order]:
        problems.append(f"{where}sections out of order: {order}; the rhythm is {wanted}")
    return problems


# ----------------------------------------------------------------------------- source


def _blocks(lines: list[str]) -> list[list[str]]:
    """Blank-line separated blocks, ``{% ... %}``-only lines dropped; an admonition keeps its
    indented body (blank lines inside it included)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if re.fullmatch(r"\s*\{%.*%\}\s*", line):
            continue
        inside_box = current and current[0].startswith("!!!")
        if not line.strip():
            if current and not inside_box:
                blocks.append(current)
                current = []
            elif inside_box:
                current.append(line)
            continue
        if inside_box and not line.startswith("    "):
            blocks.append(current)
            current = []
        current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _sections(text: str) -> dict[str, str]:
    """Level-2 section title (lower case) -> its Markdown."""
    out: dict[str, str] = {}
    title = None
    for line in text.splitlines():
        match = HEADING.match(line)
        if match and len(match.group(1)) == 2:
            title = match.group(2).lower()
            out[title] = ""
        elif title is not None:
            out[title] += line + "\n"
    return out


def check_source(markdown: str, checks: set[str]) -> dict[str, list[str]]:
    """Problems per part in a guide's Markdown; ``checks`` are the registered check names."""
    text = FRONT_MATTER.sub("", markdown)
    problems: dict[str, list[str]] = {part: [] for part in PARTS}
    lines = text.splitlines()
    h1 = next((i for i, line in enumerate(lines) if line.startswith("# ")), None)
    if h1 is None:
        problems["lead"].append("no '# Title' line, so no lead")
        return problems
    blocks = _blocks(lines[h1 + 1:])
    lead = []
    for block in blocks:
        if block[0].startswith(("!!!", "#", "|", "```", "- ", "* ", "<")):
            break
        lead.append(block)
    if not lead:
        problems["lead"].append("no lead paragraph after the title")
    else:
        last = " ".join(line.strip() for line in lead[-1])
        bold = re.search(r"\*\*([^*]+)\*\*[.!)]?$", last)
        if not bold:
            problems["lead"].append("the lead does not end in a bold figure (**...**)")
        elif not MACRO.search(bold.group(1)):
            problems["lead"].append("the lead's closing bold figure is not produced by a macro")
        if not 2 <= sum(len(re.findall(r"[.!?](?:\s|$)", " ".join(b))) for b in lead) <= 6:
            problems["lead"].append("the lead should be 2-4 plain sentences")
    after = blocks[len(lead)] if len(blocks) > len(lead) else []
    if not after or not re.match(r'!!!\s+success\s+"What to do"', after[0]):
        problems["what-to-do"].append('no !!! success "What to do" admonition right after the lead')
    else:
        items: list[str] = []
        for line in after[1:]:
            if ITEM.match(line):
                items.append(line)
            elif items and line.startswith("      "):
                items[-1] += " " + line.strip()
        if not 3 <= len(items) <= 6:
            problems["what-to-do"].append(f"'What to do' has {len(items)} items, not 3-6")
        bare = [i.strip()[:50] for i in items if not MACRO.search(i)]
        if bare:
            problems["what-to-do"].append(f"'What to do' items without a computed figure: {bare}")
    sections = _sections(text)
    problems["sections"] += _rhythm(list(sections), [t.lower() for _, t in SECTIONS], "")
    if "{{ calculator(" not in sections.get("try it", "").replace("{{calculator(", "{{ calculator("):
        problems["calculator"].append("no {{ calculator('name') }} under ## Try it")
    if not re.search(r"\{\{-?\s*sources\(\)\s*-?\}\}", sections.get("assumptions and sources", "")):
        problems["sources"].append("no {{ sources() }} table under ## Assumptions and sources")
    names = CHECK.findall(sections.get("checked against published numbers", ""))
    if not names:
        problems["reference-check"].append(
            "no {{ check('name') }} under ## Checked against published numbers")
    unknown = [n for n in names if n not in checks]
    if unknown:
        problems["reference-check"].append(f"checks not registered: {unknown}")
    links = LINK.findall(sections.get("further reading", ""))
    if not 3 <= len(links) <= 6:
        problems["further-reading"].append(f"## Further reading has {len(links)} links, not 3-6")
    return problems


# ----------------------------------------------------------------------------- built HTML


@dataclass
class Block:
    """A direct child of the article: tag, attributes, text, and what it contains."""

    tag: str
    attrs: dict[str, str]
    text: str = ""
    tail_after_strong: str = ""
    last_strong: str = ""
    items: list[str] = field(default_factory=list)
    descendants: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def has(self, tag: str, cls: str = "", **attrs: str) -> bool:
        return any(t == tag and cls in a.get("class", "").split() + [""]
                   and all(a.get(k) == v for k, v in attrs.items())
                   for t, a in [(self.tag, self.attrs), *self.descendants])


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside the article: 1 = the article itself
        self.blocks: list[Block] = []
        self.strong = 0
        self.list_depth = 0

    def handle_starttag(self, tag: str, attrs_list: list) -> None:
        attrs = {k: v or "" for k, v in attrs_list}
        if self.depth == 0:
            if tag == "article" and "md-content__inner" in attrs.get("class", ""):
                self.depth = 1
            return
        if self.depth == 1:
            self.blocks.append(Block(tag, attrs))
            self.list_depth = 0
        else:
            self.blocks[-1].descendants.append((tag, attrs))
        block = self.blocks[-1]
        if tag == "strong":
            self.strong += 1
            block.last_strong, block.tail_after_strong = "", ""
        if tag in ("ul", "ol"):
            self.list_depth += 1
        if tag == "li" and self.list_depth == 1:
            block.items.append("")
        if tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth == 0 or tag in VOID:
            return
        self.depth -= 1
        if tag == "strong":
            self.strong = max(0, self.strong - 1)
        if tag in ("ul", "ol"):
            self.list_depth = max(0, self.list_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.depth < 2 or not self.blocks:
            return
        block = self.blocks[-1]
        block.text += data
        if self.strong:
            block.last_strong += data
        else:
            block.tail_after_strong += data
        if block.items and self.list_depth >= 1:
            block.items[-1] += data


def article_blocks(page_html: str) -> list[Block]:
    parser = _Article()
    parser.feed(page_html)
    return [b for b in parser.blocks if b.tag not in ("a",) or b.text.strip()]


def check_html(page_html: str, measured_texts: list[str]) -> dict[str, list[str]]:
    """Problems per part in a built guide; ``measured_texts`` are the published values of its
    checks as the format filters print them (one must show under the check's section)."""
    problems: dict[str, list[str]] = {part: [] for part in PARTS}
    blocks = [b for b in article_blocks(page_html) if b.tag != "a"]
    h1 = next((i for i, b in enumerate(blocks) if b.tag == "h1"), None)
    if h1 is None:
        problems["lead"].append("built page has no <h1>")
        return problems
    rest = blocks[h1 + 1:]
    lead = [b for b in rest[: next((i for i, b in enumerate(rest) if b.tag != "p"), len(rest))]]
    if not lead:
        problems["lead"].append("built page has no lead paragraph after the <h1>")
    elif not (DIGIT.search(lead[-1].last_strong)
              and re.fullmatch(r"[\s.!)]*", lead[-1].tail_after_strong)):
        problems["lead"].append("built lead does not end in a bold figure")
    box = rest[len(lead)] if len(rest) > len(lead) else None
    if not (box and box.has("div", "admonition") and "success" in box.attrs.get("class", "")
            and box.text.strip().startswith("What to do")):
        problems["what-to-do"].append("built page has no 'What to do' box right after the lead")
    elif not (3 <= len(box.items) <= 6 and all(DIGIT.search(i) for i in box.items)):
        problems["what-to-do"].append(
            f"built 'What to do' box: {len(box.items)} items, each needs a figure")
    ids = [b.attrs.get("id", "") for b in blocks if b.tag == "h2"]
    problems["sections"] += _rhythm(ids, [anchor for anchor, _ in SECTIONS], "built page: ")
    section = _html_sections(blocks)
    if not any(b.has("form", "calc") for b in section.get("try-it", [])):
        problems["calculator"].append("no live calculator form under #try-it")
    if not any(b.has("table", "sources") and b.has("tr") for b in section.get(
            "assumptions-and-sources", [])):
        problems["sources"].append("no sources table under #assumptions-and-sources")
    checked = " ".join(b.text for b in section.get("checked-against-published-numbers", []))
    if not measured_texts or not any(t in checked for t in measured_texts):
        problems["reference-check"].append(
            "no published value of a registered check shown under "
            f"#checked-against-published-numbers (looked for {measured_texts})")
    return problems


def _html_sections(blocks: list[Block]) -> dict[str, list[Block]]:
    out: dict[str, list[Block]] = {}
    current = None
    for block in blocks:
        if block.tag == "h2":
            current = block.attrs.get("id", "")
            out[current] = []
        elif current is not None:
            out[current].append(block)
    return out


def check_published(slug: str, published: set[str]) -> list[str]:
    base = f"/guides/{slug}/"
    lines = [base] + [f"{base}#{anchor}" for anchor, _ in SECTIONS]
    return [f"tests/published_urls.txt lacks {line}" for line in lines if line not in published]
