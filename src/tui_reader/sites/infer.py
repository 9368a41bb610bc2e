"""A site profile written from what discovery found: ``tui-reader profile infer``.

Discovery (``--site auto``) re-reads every page's structure; a profile names
the same places with CSS selectors, so the next run only selects, and the
user can read and edit it. For each part of the portal that a sample page
shows (the city chooser, a city's categories, a list page, an article), the
selectors are taken from the elements discovery chose (``#id`` or tag and
classes, with ancestors until they are specific), and then **checked**: the
profile reads the same page and must find what discovery found (F1 ≥ 0.95
on the links). A part that fails the check, or that no sample showed, stays
``"auto"``, which means "discover it", so an inferred profile never reads
worse than no profile.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui_reader import errors
from tui_reader.sites.bounds import bounded_html, reading
from tui_reader.sites.discover import RowGroup, find_rows
from tui_reader.sites.discover_links import discover_categories, discover_cities
from tui_reader.sites.discover_pager import find_pager
from tui_reader.sites.profile import AUTO

__all__ = ["InferredProfile", "profile_name_for", "selector_of"]

_DYNAMIC = re.compile(r"\d{3,}|^(?:on|active|cur|current|hover|selected|show|hide|clearfix|fl|fr|clear)$")
_CHECK_F1 = 0.95


def _classes(node: LexborNode) -> list[str]:
    return [
        c
        for c in (node.attributes.get("class") or "").split()
        if not _DYNAMIC.search(c) and re.fullmatch(r"[A-Za-z_][\w-]*", c)
    ]


def _simple(node: LexborNode) -> str:
    node_id = node.attributes.get("id") or ""
    if node_id and re.fullmatch(r"[A-Za-z][\w-]*", node_id) and not re.search(r"\d{3,}", node_id):
        return f"{node.tag}#{node_id}"
    tag = node.tag
    assert tag is not None  # only elements are named here, and an element has a tag name
    return tag + "".join(f".{c}" for c in _classes(node)[:2])


def selector_of(tree: LexborHTMLParser, node: LexborNode, *, levels: int = 4) -> str:
    """A CSS selector that finds ``node`` alone: its own, then with ancestors until it does
    (finding it first is not enough: a 猜你喜欢 table below is a ``tbody`` too)."""
    parts = [_simple(node)]
    current = node.parent
    while True:
        selector = " ".join(parts)
        found = tree.css(selector)
        if len(found) == 1 and found[0].mem_id == node.mem_id:
            return selector
        if current is None or current.tag in ("html", "body") or len(parts) > levels:
            return selector
        parts.insert(0, _simple(current))
        current = current.parent


def _relative(row: LexborNode, target: LexborNode) -> str:
    """The path from a row down to one of its elements, as a descendant selector."""
    chain: list[LexborNode] = []
    node: LexborNode | None = target
    while node is not None and node.mem_id != row.mem_id:
        chain.append(node)
        node = node.parent
    chain.reverse()
    keep = [n for n in chain if n.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or _classes(n)] or chain[-1:]
    if keep[-1].mem_id != target.mem_id:
        keep.append(target)
    return " ".join(_simple(n) for n in keep[-2:])


def _f1(found: list[str], wanted: list[str]) -> float:
    if not wanted:
        return 1.0 if not found else 0.0
    hits = len(set(found) & set(wanted))
    if not hits:
        return 0.0
    precision, recall = hits / len(set(found)), hits / len(set(wanted))
    return 2 * precision * recall / (precision + recall)


@dataclass
class InferredProfile:
    """The sections found so far, as TOML key → value tables; a missing section is "auto"."""

    name: str
    title: str
    base_url: str
    sections: dict[str, dict[str, object]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    """One line per part: what was inferred from which page, or why it stays auto."""

    def learn(self, html: str, url: str, kind: str) -> None:
        tree = LexborHTMLParser(html)
        if kind == "index":
            self._cities(tree, url)
            self._categories(tree, url)
        elif kind == "listing":
            self._listings(tree, url)
        elif kind == "article":
            self._article(tree, url)

    def _cities(self, tree: LexborHTMLParser, url: str) -> None:
        found = discover_cities(tree, url)
        if not found.cities or "cities" in self.sections:
            return
        if url.rstrip("/") != self.base_url.rstrip("/"):
            # A profile's cities are read on the home page; these are one click away.
            self.sections["cities"] = {"link": AUTO}
            self.notes.append(
                f"cities: {len(found.cities)} on the chooser {url}, one click from the home page: "
                "left auto (discovery follows the link)"
            )
            return
        urls = {c.url for c in found.cities}
        links = [a for a in tree.css("a[href]") if _abs(a, url) in urls]
        box = _common_ancestor(links)
        if box is None:
            return
        link = f"{selector_of(tree, box)} a"
        picked = [u for u in (_abs(a, url) for a in tree.css(link)) if u]
        if _f1(picked, list(urls)) >= _CHECK_F1:
            self.sections["cities"] = {"link": link}
            self.notes.append(f"cities: {len(urls)} links under {link!r} ({url})")
        else:
            self.notes.append(f"cities: no selector finds the {len(urls)} cities discovery found: left auto")

    def _categories(self, tree: LexborHTMLParser, url: str) -> None:
        if discover_cities(tree, url).cities:
            return  # the city chooser: its links under the home page are cities
        found = discover_categories(tree, url, "")
        if len(found) < 3 or "categories" in self.sections:
            return
        self.sections["categories"] = {"link": AUTO}
        self.notes.append(f"categories: {len(found)} found on {url}; their links are chosen by address: left auto")

    def _listings(self, tree: LexborHTMLParser, url: str) -> None:
        rows = find_rows(tree)
        if rows is None or "listings" in self.sections:
            return
        container = selector_of(tree, rows.parent)
        table: dict[str, object] = {
            "container": container,
            "item": f"{container} > {rows.row_tag}",
            "title": _relative(rows.rows[0], rows.titles[0]),
        }
        for key, pattern in (
            ("price", re.compile(r"price|money|jiage", re.I)),
            ("date", re.compile(r"time|date", re.I)),
        ):
            hit = next(
                (
                    n
                    for n in rows.rows[0].traverse(include_text=False)
                    if pattern.search(n.attributes.get("class") or "")
                ),
                None,
            )
            if hit is not None:
                table[key] = _relative(rows.rows[0], hit)
        pager = find_pager(tree, url)
        if pager.next_link is not None and _classes(pager.next_link):
            table["pager_next"] = selector_of(tree, pager.next_link)
        table["page_param"] = ""
        if self._rows_check(tree, url, rows, table):
            self.sections["listings"] = table
            self.notes.append(f"listings: {len(rows.rows)} rows as {table['item']!r} ({url})")
        else:
            self.notes.append("listings: the selectors did not find the rows discovery found: left auto")

    @staticmethod
    def _rows_check(tree: LexborHTMLParser, url: str, rows: RowGroup, table: dict[str, object]) -> bool:
        container = tree.css_first(str(table["container"]))
        if container is None:
            return False
        picked = []
        for row in container.css(str(table["item"])):
            link = row.css_first(str(table["title"]))
            picked.append(_abs(link, url) if link is not None else None)
        return _f1([p for p in picked if p], [u for u in (_abs(t, url) for t in rows.titles) if u]) >= _CHECK_F1

    def _article(self, tree: LexborHTMLParser, url: str) -> None:
        if "article" in self.sections:
            return
        heading = tree.css_first("h1")
        title = selector_of(tree, heading) if heading is not None and heading.text(strip=True) else AUTO
        self.sections["article"] = {"title": title, "body": AUTO}
        self.notes.append(f"article: title {title!r}; the body is found by the main-content extractor ({url})")

    def to_toml(self) -> str:
        """The profile in the documented format (docs/profiles.md), "auto" where nothing sure was found."""
        defaults = {
            "cities": {"link": AUTO},
            "categories": {"link": AUTO},
            "listings": {"container": AUTO, "item": AUTO, "title": AUTO, "page_param": ""},
            "article": {"title": AUTO, "body": AUTO},
        }
        lines = [
            f"# Inferred by `tui-reader profile infer` from {self.base_url}; edit freely.",
            '# A value "auto" means: discover this part from each page instead of selecting it.',
            *(f"# {note}" for note in self.notes),
            "",
            f"name = {_quote(self.name)}",
            f"title = {_quote(self.title or self.name)}",
            f"base_url = {_quote(self.base_url)}",
            'timezone = "+08:00"',
        ]
        for section, table in defaults.items():
            lines += ["", f"[{section}]"]
            for key, value in {**table, **self.sections.get(section, {})}.items():
                lines.append(f"{key} = {_quote(str(value))}")
        return "\n".join(lines) + "\n"


def _quote(value: str) -> str:
    # JSON's string escapes are TOML basic-string escapes too.
    return json.dumps(value, ensure_ascii=False)


def _abs(node: LexborNode, base: str) -> str | None:
    from tui_reader.sites.nodes import link_url

    return link_url(node, base)


def _common_ancestor(nodes: list[LexborNode]) -> LexborNode | None:
    if not nodes:
        return None
    chains = []
    for node in nodes[:400]:
        chain = []
        current: LexborNode | None = node
        while current is not None:
            chain.append(current.mem_id)
            current = current.parent
        chains.append(chain[::-1])
    shared = 0
    for level in zip(*chains, strict=False):
        if len(set(level)) != 1:
            break
        shared += 1
    current = nodes[0]
    depth = len(chains[0])
    for _ in range(depth - shared):
        assert current is not None  # fewer steps up than the chain is long: still below the root
        current = current.parent
    return current


def profile_name_for(url: str) -> str:
    """A profile name from a portal's host: "bj.58.com" → "58-com"."""
    host = (urlsplit(url).hostname or "portal").lower()
    labels = host.split(".")
    core = ".".join(labels[-2:]) if len(labels) >= 2 and not host.replace(".", "").isdigit() else host
    port = urlsplit(url).port
    name = re.sub(r"[^a-z0-9]+", "-", core).strip("-") + (f"-{port}" if port else "")
    return name if re.match(r"^[a-z0-9]", name) else f"site-{name}"


def learn_from_page(profile: InferredProfile, html: str, url: str) -> str:
    """Learn what ``html`` (at ``url``) shows into ``profile``; the page's kind.
    A refused page (captcha, login wall …) teaches nothing and raises ``RefusedPage``."""
    with reading():  # within the parse limits, as every page is read
        return _learn_from_page(profile, bounded_html(html), url)


def _learn_from_page(profile: InferredProfile, html: str, url: str) -> str:
    from tui_reader.sites.kinds import classify

    verdict = classify(LexborHTMLParser(html), url)
    if verdict.refused:
        raise errors.RefusedPage(
            f"{url} is a {verdict.kind} page ({verdict.reason}): nothing to learn from it", kind=verdict.kind, url=url
        )
    if not profile.title and verdict.kind == "index":
        from tui_reader.sites.discover_links import site_name_of

        profile.title = site_name_of(LexborHTMLParser(html))
    profile.learn(html, url, verdict.kind)
    return verdict.kind


def next_pages(html: str, url: str, kind: str, profile: InferredProfile) -> list[str]:
    """Where to learn next from a page of ``kind``: the parts not learnt yet, first things first."""
    from tui_reader.sites.discover import find_rows
    from tui_reader.sites.discover_links import FEW_CITIES, discover_categories, discover_cities
    from tui_reader.sites.nodes import link_url

    tree = LexborHTMLParser(html)

    if kind == "index":
        cities = discover_cities(tree, url)
        if cities.chooser_url and len(cities.cities) < FEW_CITIES and "cities" not in profile.sections:
            return [cities.chooser_url]
        if cities.cities:
            return [cities.cities[0].url]
        categories = discover_categories(tree, url, "")
        return [categories[0].url] if categories else []
    if kind == "listing":
        rows = find_rows(tree)
        target = link_url(rows.titles[0], url) if rows is not None and rows.titles else None
        return [target] if target else []
    return []
