"""The bundled demo: a fictional multi-outlet corpus and a guided first run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from importlib import resources
from pathlib import Path

from newstrace.analysis import analyze_store
from newstrace.linking import link_store
from newstrace.pipeline import IngestOptions, ingest
from newstrace.store import QuoteFilter, Store, open_store
from newstrace.storying import build_stories


def corpus_path() -> Path:
    """The folder of the bundled demo corpus."""
    return Path(str(resources.files("newstrace").joinpath("demo", "corpus")))


def run_demo(db_path: Path, echo: Callable[[str], None] = print) -> Store:
    """Ingest the demo corpus into ``db_path`` and describe what was found."""
    store = open_store(db_path)
    corpus = corpus_path()
    inputs = sorted(p for p in corpus.iterdir() if p.is_dir())
    options = IngestOptions(outlets_file=str(corpus / "outlets.json"))
    summary = ingest(inputs, store, options, progress=False)
    echo(f"Ingested the demo corpus into {db_path}: {summary.documents} documents read, "
         f"{summary.articles_new} new articles, {summary.failures} failures ({summary.seconds:.1f}s).")
    _describe(store, echo)
    analysed = analyze_store(store)
    linked = link_store(store)  # before any quote is shown, so years inferred from linked coverage are filled in
    echo("")
    echo(f"Analysed {analysed.articles} articles: {analysed.quotes} attributed statements ({analysed.seconds:.1f}s).")
    _describe_quotes(store, echo)
    echo("")
    echo(f"Linked copies: {linked.groups} group(s) of near-duplicate articles across outlets.")
    for canonical, members in store.duplicate_groups():
        names = [f"{a.outlet} {a.published.value or ''}" for a in map(store.article, members) if a]
        echo(f"  {canonical}: " + "; ".join(names))
    _describe_links(store, echo)
    _describe_stories(store, echo)
    echo("")
    echo(f"Explore: newstrace articles --db {db_path} | newstrace quotes --db {db_path} --speaker Kask "
         f"| newstrace statements --db {db_path} --min-outlets 2 | newstrace stories --db {db_path} "
         f"| newstrace export --db {db_path} --format json | newstrace serve --db {db_path}")
    return store


def _describe_links(store: Store, echo: Callable[[str], None]) -> None:
    """Statements carried by several outlets, people under several names, years inferred from linked coverage."""
    from newstrace.link.statements import statements
    from newstrace.store.statements import StatementFilter

    shared = statements(store, StatementFilter(min_outlets=2, limit=None))
    echo("")
    echo(f"Statements carried by 2 or more outlets: {len(shared)} (newstrace statements --min-outlets 2)")
    for statement in shared[:4]:
        echo(f"  {len(statement.outlets)} outlets, first {statement.first_outlet} {statement.first_published or '?'}"
             f"  {statement.speaker}: {statement.canonical_text[:80]}")
    people = [e for e in store.entities(kind="person") if e.aliases]
    echo(f"People under more than one name: {len(people)} (newstrace entities); e.g. "
         + "; ".join(f"{e.name} = {' = '.join(e.aliases[:2])}" for e in people[:3]))
    inferred = [a for a in store.articles() if a.published.basis == "inferred"]
    echo(f"Years inferred from linked coverage: {len(inferred)} articles dated by month and day only")
    for article in inferred[:3]:
        echo(f"  {article.published.partial} -> {article.published.value}  {article.outlet}: {article.title or ''}")


def _describe_stories(store: Store, echo: Callable[[str], None]) -> None:
    built = build_stories(store)
    echo("")
    echo(f"Stories: {built.events} events in {built.storylines} storylines ({built.seconds:.1f}s); "
         "newstrace stories / newstrace story ID")
    for row in store.stories(sort="size", limit=6):
        echo(f"  {row.id} {row.first_date or '?'}..{row.last_date or '?'} {row.articles:2} articles "
             f"{row.outlets} outlets  {row.title}")


def _describe_quotes(store: Store, echo: Callable[[str], None]) -> None:
    rows = list(store.quotes(QuoteFilter(limit=None)))
    speakers = Counter(r.quote.speaker for r in rows if r.quote.speaker)
    kinds = Counter(r.quote.kind for r in rows)
    echo("by kind: " + ", ".join(f"{kind} {count}" for kind, count in kinds.most_common()))
    echo("most quoted: " + ", ".join(f"{name} {count}" for name, count in speakers.most_common(6)))
    dated = [r for r in rows if r.quote.kind == "direct" and r.quote.speaker and (r.published or "")[:1].isdigit()]
    for row in dated[:5]:
        echo(f"  {row.published:10} {row.outlet or '-':22.22} {row.quote.speaker}: {row.quote.text[:90]}")


def _describe(store: Store, echo: Callable[[str], None]) -> None:
    articles = list(store.articles())
    outlets = Counter(a.outlet or "(unknown)" for a in articles)
    echo(f"{len(articles)} articles from {len(outlets)} outlets: "
         + ", ".join(f"{name} {count}" for name, count in outlets.most_common()))
    dated = sum(1 for a in articles if a.published.value)
    partial = sum(1 for a in articles if a.published.partial)
    echo(f"publication dates: {dated} full, {partial} month-day only (year unknown), "
         f"{len(articles) - dated - partial} unknown")
    removed = sum(len(a.removed) for a in articles)
    echo(f"site chrome removed: {removed} lines; titles found: {sum(1 for a in articles if a.title)}")
    echo("")
    for article in sorted(articles, key=lambda a: (a.published.value or a.published.partial or "", a.id)):
        when = article.published.value or article.published.partial or "?"
        basis = article.published.basis or "-"
        echo(f"  {when:10} {basis:9} {article.outlet or '-':22.22} {article.title or article.text[:60]}")
    failures = store.failures()
    if failures:
        echo("")
        echo(f"{len(failures)} inputs could not be used:")
        for row in failures:
            echo(f"  {row.failure.code.value:10} {Path(row.failure.source.origin).name}  {row.failure.reason}")
