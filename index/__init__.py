"""Full-text search for Expertise Hub (ARCHITECTURE §5), Whoosh behind one seam.

Never imports ``expertise`` or ``ui``: the cipher and plain-dict records are
injected by the caller. What the caller can rely on:

- ``SearchIndex(folder, cipher)`` decrypts and authenticates every file
  before Whoosh reads it; anything wrong (tampered, foreign, wrong key,
  missing metadata, other schema version) raises ``IndexCorrupt`` with a
  reason naming at most a file. Nothing decrypted is ever written to disk.
- ``update()`` upserts by id in one commit with ``meta``; any call with
  ``delete_ids`` rewrites the segments holding deleted documents, so their
  words leave the lexicon and stored fields at once (erase-person).
- ``rebuild()`` builds in RAM and swaps in; cancelled or failed, the old
  index is untouched. It leaves one segment, so ``optimize()`` right after
  it is a no-op.
- ``search()`` never raises on user input. ``error`` is None, ``ERR_SYNTAX``
  (unbalanced quotes/brackets: best-effort results) or ``ERR_TOO_LONG`` (no
  search). An empty query or ``*`` lists everything matching the filters,
  newest first. Plain words that match nothing together are retried as
  any-word. ``suggestion`` ("did you mean") only when the query found fewer
  than 3 and the correction finds something under the same filters. With
  ``sort="date"`` hits carry score 0. ``filters`` keys: kind, tags, themes,
  organisation, classification, language; an unknown key is a ValueError.
  An unknown ``max_classification`` is read as "public" (fail closed).
- Thread-safe: one writer at a time; searches run concurrently with a
  writer and only wait while a fresh searcher is swapped in.

Role map (docs/ARCHITECTURE.md §5 has the longer version):

==============  ===============================================  ==========================
package         role                                             key modules
==============  ===============================================  ==========================
``index``       public face, Whoosh schema, text analysis        core, types, schema,
                (schema and analysis paths are pickled into      analysis, extract
                existing indexes: do not move them); the two     whoosh_internals,
                modules that touch Whoosh internals (reading,    whoosh_writer, config
                the bulk writer); what the owner tells the
                index of its data model
``storage/``    sealed files, in-RAM Whoosh file system,         encrypted, memstore,
                commit layout, sealed sidecars, per-segment      spill, layout, sidecar,
                word files                                       wordfiles
``write/``      bulk segment writing, rebuild beside the live    bulkwrite, postings,
                index, sealed staging of finished segments       rebuild, staging
``engine/``     the segment protocol, postings as numpy arrays,  source, postings, segcache,
                doc sets, BM25F, phrase positions, sorted word   docsets, scoring, phrases,
                lists (prefix, fuzzy, which segment holds a      lexicons, wordlists
                word)
``query/``      our query tree and its translation to/from       tree, whoosh_query, parser,
                Whoosh, parsing user text, compound/synonym      compounds, vocab, bestof
                expansion, the any-word group, the vocabulary
``search/``     the search flow, hits and facets, snippets,      flow, hits, snippets,
                stored records of shown hits, expert ranking,    stored, experts, spelling
                did you mean
==============  ===============================================  ==========================
"""

from index.analysis import markdown_to_text
from index.core import SearchIndex
from index.extract import extract_text
from index.types import (
    ERR_SYNTAX,
    ERR_TOO_LONG,
    Cipher,
    ExpertHit,
    Hit,
    IndexBuildFailed,
    IndexCorrupt,
    SearchResults,
    TitleHit,
)

__all__ = [
    "ERR_SYNTAX",
    "ERR_TOO_LONG",
    "Cipher",
    "ExpertHit",
    "Hit",
    "IndexBuildFailed",
    "IndexCorrupt",
    "SearchIndex",
    "SearchResults",
    "TitleHit",
    "extract_text",
    "markdown_to_text",
]
