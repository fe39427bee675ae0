"""Incremental updates, erase, rebuild (with cancel), meta, clear, close, threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from whoosh.index import FileIndex

from index import SearchIndex
from index.storage.layout import INDEXNAME, SCHEMA
from tests.index.conftest import CORPUS, SYNONYMS, GcmCipher, doc, ids


def test_revisions_do_not_pile_up(ix: SearchIndex) -> None:
    for revision in range(2, 6):
        ix.update([doc("nl-camera", f"Videokamera versie {revision}", revision=revision)])
    assert ix.doc_count() == len(CORPUS)
    found = ix.search("videokamera")
    assert ids(found).count("nl-camera") == 1
    assert found.hits[0].title == "Videokamera versie 5"
    assert ix.search("*").total == len(CORPUS)


def test_an_old_revision_text_is_no_longer_found(ix: SearchIndex) -> None:
    ix.update([doc("nl-camera", "Verhoorstudio", "Alleen nog een verhoorstudio.")])
    assert "nl-camera" not in ids(ix.search("videokamera"))
    assert "nl-camera" in ids(ix.search("verhoorstudio"))


def test_delete_and_meta_in_one_commit(ix: SearchIndex, folder: Path, cipher: GcmCipher) -> None:
    ix.update(delete_ids=["nl-camera", "no-such-id"], meta={"change_seq": 2})
    assert ix.doc_count() == len(CORPUS) - 1
    assert ix.meta() == {"change_seq": 2}
    ix.update([doc("new", "Nieuw")])  # meta=None keeps the last meta
    ix.close()
    again = SearchIndex(folder, cipher)
    assert again.meta() == {"change_seq": 2}
    assert "nl-camera" not in ids(again.search("videokamera"))
    again.close()


def _lexicon_holds(folder: Path, cipher: GcmCipher, word: str) -> list[str]:
    """Every field whose lexicon holds ``word`` (read from the files on disk)."""
    probe = SearchIndex(folder, cipher)
    try:
        reader = probe.searcher.reader()
        hits = [
            f"{field}:{text!r}"
            for field in reader.indexed_field_names()
            for text in reader.lexicon(field)
            if word.encode() in text
        ]
        stored = [s for s in reader.all_stored_fields() if word in repr(s).lower()]
        return hits + [f"stored:{s.get('id')}" for s in stored]
    finally:
        probe.close()


def test_erase_person_leaves_no_trace(ix: SearchIndex, folder: Path, cipher: GcmCipher) -> None:
    ix.update(
        [
            doc(
                "exp-zwaan",
                "Zeger Zwaanswijk",
                "Zwaanswijk werkt bij de zedenpolitie.",
                kind="expert",
                expertise=["zwaanswijkmethode"],
            ),
            doc("adv-z", "Advies", "Opgesteld door Zwaanswijk.", people=["exp-zwaan"]),
        ]
    )
    ix.optimize()  # both in one big segment with everything else
    assert ix.search("zwaanswijk").total == 2
    # erase: the expert goes, the entry that named him is re-indexed without the name
    ix.update([doc("adv-z", "Advies", "Opgesteld door een expert.")], delete_ids=["exp-zwaan"])
    assert ix.search("zwaanswijk").total == 0
    assert ix.search("zwaanswijk~").total == 0
    assert ix.suggest_titles("zeger") == []
    assert ix.find_experts("zedenpolitie") == []
    assert ix.search("zwaanswyk").suggestion is None
    ix.close()
    assert _lexicon_holds(folder, cipher, "zwaanswijk") == []


def test_optimize_removes_deleted_terms_too(
    ix: SearchIndex, folder: Path, cipher: GcmCipher
) -> None:
    ix.update([doc("tmp", "Tijdelijk", "xylofoonkwartet")])
    ix.update([doc("tmp", "Tijdelijk", "andere tekst")])  # upsert: old text only marked deleted
    ix.optimize()
    ix.close()
    assert _lexicon_holds(folder, cipher, "xylofoonkwartet") == []


def test_rebuild_swaps_in_a_fresh_index(ix: SearchIndex, folder: Path, cipher: GcmCipher) -> None:
    seen: list[tuple[int, int]] = []
    fresh = [doc(f"r{i}", f"Herbouwd {i}", "herbouw") for i in range(250)]
    assert ix.rebuild(fresh, total=250, progress=lambda d, t: seen.append((d, t)), meta={"v": 3})
    assert seen[0] == (100, 250) and seen[-1] == (250, 250)
    assert ix.doc_count() == 250 and ix.meta() == {"v": 3}
    assert ix.search("videokamera").total == 0
    ix.close()
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == 250 and again.meta() == {"v": 3}
    assert len(FileIndex(again._storage, schema=SCHEMA, indexname=INDEXNAME)._segments()) == 1
    again.close()


def test_cancelled_rebuild_keeps_the_old_index(
    ix: SearchIndex, folder: Path, cipher: GcmCipher
) -> None:
    before = sorted(p.name for p in folder.iterdir())
    calls = iter(range(1000))
    cancelled = ix.rebuild(
        (doc(f"r{i}", f"Herbouwd {i}") for i in range(500)), cancel=lambda: next(calls) >= 120
    )
    assert cancelled is False
    assert sorted(p.name for p in folder.iterdir()) == before
    assert ix.doc_count() == len(CORPUS) and ix.meta() == {"change_seq": 1}
    assert "nl-camera" in ids(ix.search("videokamera"))
    assert ix.search("herbouwd").total == 0


def test_rebuild_failure_keeps_the_old_index(ix: SearchIndex) -> None:
    def broken():
        yield doc("r1", "Een")
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        ix.rebuild(broken())
    assert ix.doc_count() == len(CORPUS)


def test_rebuild_skips_records_without_id(empty_index: SearchIndex) -> None:
    assert empty_index.rebuild([{"title": "zonder id"}, doc("ok", "Met id")])
    assert empty_index.doc_count() == 1


def test_update_rejects_a_record_without_id_before_writing(ix: SearchIndex) -> None:
    with pytest.raises(ValueError):
        ix.update([doc("fine", "Goed"), {"title": "zonder id"}])
    assert "fine" not in ids(ix.search("goed"))


def test_clear_deletes_every_file_and_stays_usable(ix: SearchIndex, folder: Path) -> None:
    ix.clear()
    assert list(folder.iterdir()) == []
    assert ix.doc_count() == 0 and ix.meta() == {}
    ix.update([doc("after", "Na het wissen")])
    assert ids(ix.search("wissen")) == ["after"]


def test_reopen_after_clear_and_update(ix: SearchIndex, folder: Path, cipher: GcmCipher) -> None:
    ix.clear()
    ix.update([doc("after", "Na het wissen")], meta={"change_seq": 9})
    ix.close()
    again = SearchIndex(folder, cipher)
    assert again.doc_count() == 1 and again.meta() == {"change_seq": 9}
    again.close()


def test_closed_index_refuses_work(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher)
    ix.close()
    ix.close()  # idempotent
    with pytest.raises(RuntimeError):
        ix.search("x")
    with pytest.raises(RuntimeError):
        ix.update([doc("x", "x")])


def test_searching_while_a_worker_updates(ix: SearchIndex) -> None:
    errors: list[BaseException] = []
    stop = threading.Event()

    def searcher() -> None:
        try:
            while not stop.is_set():
                res = ix.search("videokamera OR herbouw*")
                assert ids(res).count("nl-camera") <= 1
                ix.suggest_titles("her")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=searcher) for _ in range(2)]
    for t in threads:
        t.start()
    for i in range(30):
        ix.update([doc(f"w{i}", f"Herbouw {i}"), doc("nl-camera", f"Videokamera {i}")])
    ix.rebuild(CORPUS)
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert ix.doc_count() == len(CORPUS)


def test_many_small_updates_keep_few_segments(empty_index: SearchIndex) -> None:
    for i in range(60):
        empty_index.update([doc(f"s{i}", f"Stuk {i}")])
    segments = FileIndex(empty_index._storage, schema=SCHEMA, indexname=INDEXNAME)._segments()
    assert len(segments) <= 8
    assert empty_index.search("stuk").total == 60


def test_synonyms_given_at_open(folder: Path, cipher: GcmCipher) -> None:
    ix = SearchIndex(folder, cipher, synonyms=SYNONYMS)
    ix.update(CORPUS)
    assert "nl-lokken" in ids(ix.search("grooming"))
    ix.close()
