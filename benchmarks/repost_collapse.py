"""Repost collapsing (``models.likeness``): pairwise precision and recall on a labelled set, and speed.

The labelled set is built from the demo portal's generator, whose listings are
real-looking and written from one template per category — so two different
posts of a category read alike (same boilerplate, another estate, area, price),
which is exactly what must NOT be merged. ``--posts`` distinct posts are drawn
across cities and categories; ``--reposted`` of them are put up again 1–12
times, each repost changed the way reposters change them: title words swapped
for synonyms or reordered, a suffix added (急租, 个人…), the price changed (in
the title, body and facts), moved to another city (its name replaced in the
text), body paragraphs shuffled or one dropped, and now and then another phone.

Each hit carries what a measured cache row gives ``collapse``: the fingerprint
of title + body + facts (as ``store.entry.article_row`` computes it), the
phones, the area and the room count. Scores are over pairs of hits: a pair is
"true" when both come from one post, "found" when ``collapse`` put both in one
group. Then ``collapse`` is timed on ``--hits`` hits, and ``fingerprint`` per
article (steady state, a cold process cache, and ~2 KB texts).

    .venv/bin/python benchmarks/repost_collapse.py
    .venv/bin/python benchmarks/repost_collapse.py --sweep      # every k and title threshold

Target: precision >= 0.98 with the best recall; collapse of 10,000 hits well under 1 s;
fingerprint <= 0.2 ms for a 1–2 KB article.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from collections.abc import Sequence

from tui_reader.demo.site.content import DemoArticle, DemoSite
from tui_reader.models import SearchHit, likeness
from tui_reader.models.fields import phones_in
from tui_reader.models.likeness import collapse, fingerprint

SYNONYMS = [
    ("出租", "转租"),
    ("精装修", "精装"),
    ("家电齐全", "家具家电齐全"),
    ("拎包入住", "拎包即住"),
    ("出售", "转让"),
    ("诚聘", "急聘"),
    ("招聘", "招"),
    ("价格可议", "价格好商量"),
    ("个人", "房东"),
    ("两室一厅", "2室1厅"),
    ("专业", "正规"),
]
SUFFIXES = ["急租", "个人", "（可短租）", "急", "非中介", "新上", "诚心出", "看房方便"]
PRICE = re.compile(r"\d+(?:\.\d+)?(?=\s*[万千]?元)")
ROOMS = {"一室": 1, "两室": 2, "二室": 2, "三室": 3, "四室": 4, "1室": 1, "2室": 2, "3室": 3, "4室": 4}


def _rooms(layout: object) -> int | None:
    for word, count in ROOMS.items():
        if isinstance(layout, str) and layout.startswith(word):
            return count
    return None


class Post:
    """One listing as the cache holds it: title, body paragraphs, facts, contact pairs, place."""

    def __init__(self, article: DemoArticle) -> None:
        head = article.head
        self.title = head.title
        self.body = list(article.paragraphs)
        self.facts = {k: str(v) for k, v in head.facts.items() if k not in ("title", "mode") and v is not None}
        self.contact = list(article.contact)
        self.city = head.city.name
        self.district = str(head.facts.get("district") or "") or None
        area = head.facts.get("area")
        self.area = float(area) if isinstance(area, int | float) else None
        self.rooms = _rooms(head.facts.get("layout"))

    def hit(self, url: str) -> SearchHit:
        text = "\n\n".join(self.body) + "\n\n" + "\n".join(f"{k}：{v}" for k, v in self.facts.items())
        contact = "\n".join(f"{k}：{v}" for k, v in self.contact)
        return SearchHit(
            url=url,
            title=self.title,
            city=self.city,
            category=None,
            published=None,
            snippet="",
            area=self.area,
            rooms=self.rooms,
            district=self.district,
            phones=tuple(phones_in(contact + "\n" + text)),
            likeness=fingerprint(self.title + "\n" + text),
        )


def repost(post: Post, rng: random.Random, cities: Sequence[str]) -> Post:
    """``post`` put up again, changed the way reposters change a listing."""
    new = Post.__new__(Post)
    new.__dict__.update(
        {
            k: (list(v) if isinstance(v, list) else dict(v) if isinstance(v, dict) else v)
            for k, v in post.__dict__.items()
        }
    )
    title = new.title
    for a, b in rng.sample(SYNONYMS, 3):
        title = title.replace(a, b) if rng.random() < 0.7 else title.replace(b, a)
    words = title.split()
    if len(words) > 2 and rng.random() < 0.4:
        rng.shuffle(words)
        title = " ".join(words)
    if rng.random() < 0.6:
        title += " " + rng.choice(SUFFIXES)
    if rng.random() < 0.6:  # a new price, everywhere it is written
        factor = rng.choice([0.85, 0.9, 0.95, 1.05, 1.1])

        def change(m: re.Match[str], factor: float = factor) -> str:
            return f"{float(m.group(0)) * factor:.{0 if '.' not in m.group(0) else 1}f}"

        title = PRICE.sub(change, title)
        new.body = [PRICE.sub(change, p) for p in new.body]
        new.facts = {k: PRICE.sub(change, v) for k, v in new.facts.items()}
    if rng.random() < 0.5:  # another city: its name in the text too
        city = rng.choice([c for c in cities if c != new.city])
        title = title.replace(new.city, city)
        new.body = [p.replace(new.city, city) for p in new.body]
        new.city, new.district = city, None
    if len(new.body) > 1 and rng.random() < 0.4:
        rng.shuffle(new.body)
    if len(new.body) > 2 and rng.random() < 0.3:
        new.body.pop(rng.randrange(len(new.body)))
    if rng.random() < 0.2:  # another phone (a second SIM, a colleague)
        new.contact = [(k, f"13{rng.randint(0, 999999999):09d}" if k == "电话" else v) for k, v in new.contact]
    new.title = title
    return new


def labelled(posts: int, reposted: float, seed: int) -> tuple[list[SearchHit], list[int]]:
    """Hits in a shuffled order and, for each, the post it comes from."""
    rng = random.Random(seed)
    site = DemoSite(seed=seed, articles_per_category=10_000)
    pairs = [(city, cat) for city in site.cities for cat in site.categories]
    cities = [c.name for c in site.cities]
    made: list[tuple[Post, int]] = []
    for n in range(posts):
        city, cat = pairs[n % len(pairs)]
        post = Post(site.article(city, cat, n // len(pairs)))
        made.append((post, n))
        if rng.random() < reposted:
            made += [(repost(post, rng, cities), n) for _ in range(rng.randint(1, 12))]
    rng.shuffle(made)
    return [post.hit(f"http://x/{i}.html") for i, (post, _) in enumerate(made)], [label for _, label in made]


def scores(groups: list[likeness.Group], label_of: dict[str, int]) -> tuple[float, float]:
    def pairs(n: int) -> int:
        return n * (n - 1) // 2

    true = pairs_found = right = 0
    for count in Counter(label_of.values()).values():
        true += pairs(count)
    for group in groups:
        pairs_found += pairs(len(group.members))
        right += sum(pairs(c) for c in Counter(label_of[h.url] for h in group.members).values())
    return (right / pairs_found if pairs_found else 1.0), (right / true if true else 1.0)


def timed_collapse(
    hits: list[SearchHit], repeat: int, near_bits: int = likeness.NEAR_BITS, title_like: float = likeness.TITLE_LIKE
) -> tuple[list[likeness.Group], float]:
    best = float("inf")
    groups: list[likeness.Group] = []
    for _ in range(repeat):
        started = time.perf_counter()
        groups = collapse(hits, near_bits=near_bits, title_like=title_like)
        best = min(best, time.perf_counter() - started)
    return groups, best


def fingerprint_speed(site: DemoSite, count: int) -> None:
    texts = []
    for n in range(count):
        city = site.cities[n % len(site.cities)]
        cat = site.categories[(n // len(site.cities)) % len(site.categories)]
        article = site.article(city, cat, n)
        texts.append(article.head.title + "\n" + "\n\n".join(article.paragraphs))
    long = ["\n\n".join(texts[i : i + 4])[:700] for i in range(0, len(texts) - 4, 4)]
    likeness._spread_cache.clear()
    for name, corpus in (("first pass (cold cache)", texts), ("second pass", texts), ("~2 KB texts (700 chars)", long)):
        started = time.perf_counter()
        for text in corpus:
            fingerprint(text)
        took = (time.perf_counter() - started) / len(corpus) * 1e6
        size = statistics.mean(len(t.encode()) for t in corpus)
        print(f"  fingerprint {name}: {took:.0f} µs/article (mean {size:.0f} bytes UTF-8)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--reposted", type=float, default=0.3)
    parser.add_argument("--hits", type=int, default=10_000, help="hits in the timing run")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sweep", action="store_true", help="score every k and title threshold")
    args = parser.parse_args()

    hits, labels = labelled(args.posts, args.reposted, args.seed)
    label_of = {hit.url: label for hit, label in zip(hits, labels, strict=True)}
    print(f"{len(hits)} hits from {args.posts} posts ({args.reposted:.0%} reposted 1–12 times)")
    settings = (
        [(k, t) for k in (0, 1, 2, 3) for t in (0.4, 0.5, 0.6, 0.7, 1.1)]
        if args.sweep
        else [(likeness.NEAR_BITS, likeness.TITLE_LIKE)]
    )
    for k, title in settings:
        groups, took = timed_collapse(hits, 1, near_bits=k, title_like=title)
        precision, recall = scores(groups, label_of)
        rule = f"k={k}, title>={title}" if title <= 1 else f"k={k}, fingerprint only"
        print(f"  {rule:24} precision {precision:.4f}  recall {recall:.4f}  groups {len(groups)}  {took * 1000:.0f} ms")

    big, _ = labelled(args.hits * 2000 // max(len(hits), 1), args.reposted, args.seed + 1)
    big = big[: args.hits]
    groups, took = timed_collapse(big, 5)
    print(f"  collapse of {len(big)} hits: {took * 1000:.0f} ms (best of 5), {len(groups)} groups")
    fingerprint_speed(DemoSite(seed=args.seed + 2, articles_per_category=10_000), 3000)


if __name__ == "__main__":
    main()
