"""Which way should Dutch compound parts match? A small judged measurement.

Strategies, each over the same hand-made Dutch corpus and judged queries:
  none        stemmed words only (baseline)
  vocab       query-time decompounding, both leftovers must be hub words
  vocab-loose query-time decompounding, leftovers only need 3+ letters
  vocab-tiered both: known leftovers weigh 0.7, other leftovers 0.3 (shipped)
  ngram       4-gram field over every word, query grams AND-ed, OR-ed with words

Reports mean average precision, precision@5, recall@10, false hits in the
top 10, "intruders" (false hits ranked above a relevant one) and index size.
Run: .venv/bin/python bench/quick_compound_eval.py
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from whoosh import query  # noqa: E402
from whoosh.analysis import NgramFilter, RegexTokenizer  # noqa: E402
from whoosh.fields import ID, TEXT, Schema  # noqa: E402
from whoosh.filedb.filestore import RamStorage  # noqa: E402
from whoosh.qparser import QueryParser  # noqa: E402

from index.analysis import FoldFilter, LowercaseFilter, fold, text_analyzer  # noqa: E402
from index.query.compounds import (  # noqa: E402
    LOOSE,
    NL_FIELDS,
    STRICT,
    TIERED,
    CompoundExpander,
    expand_query,
)
from index.query.whoosh_query import from_whoosh, to_whoosh  # noqa: E402

FIELD = "all_nl"  # must be one of the fields index.query.compounds expands
assert FIELD in NL_FIELDS

# (id, text, concepts the document is about)
CORPUS: list[tuple[str, str, set[str]]] = [
    ("d01", "Slachtofferidentificatie begint bij het beeldmateriaal.", {"identificatie", "beeld"}),
    ("d02", "De identificatie van daders via metadata.", {"identificatie"}),
    ("d03", "Een nieuwe identificatiemethode voor gezichten.", {"identificatie"}),
    ("d04", "Identiteitsfraude en valse paspoorten.", set()),
    ("d05", "Identiteit van slachtoffers beschermen in dossiers.", {"bescherming"}),
    ("d06", "De videokamera in de verhoorruimte.", {"kamera"}),
    ("d07", "Een webkamera werd gebruikt voor livestreaming.", {"kamera"}),
    ("d08", "Kamerabeelden uit een hotel als bewijs.", {"kamera", "beeld"}),
    ("d09", "Het kamerlid stelde vragen over opsporing.", {"opsporing"}),
    ("d10", "De verhoorkamer is ingericht voor kinderen.", {"kind"}),
    ("d11", "Een kamera met nachtzicht bij observatie.", {"kamera"}),
    ("d12", "Kindersekstoerisme in Zuidoost-Azië.", {"toerisme", "kind"}),
    ("d13", "Sekstoerisme en de rol van reisbureaus.", {"toerisme"}),
    ("d14", "Toeristen melden verdachte situaties.", set()),
    ("d15", "Toerisme naar risicolanden neemt toe.", {"toerisme"}),
    ("d16", "Kindermisbruik online herkennen.", {"misbruik", "kind", "herkenning"}),
    ("d17", "Misbruik van chatdiensten door daders.", {"misbruik", "chat"}),
    ("d18", "Een misbruikzaak met internationale vertakkingen.", {"misbruik"}),
    ("d19", "Het opsporingsonderzoek liep twee jaar.", {"opsporing", "onderzoek"}),
    ("d20", "Onderzoek naar daderprofielen.", {"onderzoek"}),
    ("d21", "Het onderzoeksteam werkte met Europol.", {"onderzoek"}),
    ("d22", "Onderzoekers analyseerden servers.", set()),
    ("d23", "Beeldherkenning versnelt de triage.", {"herkenning", "beeld"}),
    ("d24", "Gezichtsherkenning en privacy.", {"herkenning"}),
    ("d25", "Herkenning van patronen in chatgesprekken.", {"herkenning", "chat"}),
    ("d26", "De beeldhouwer exposeerde in het museum.", set()),
    ("d27", "Een beeld zegt meer dan woorden.", {"beeld"}),
    ("d28", "Opleiding aan de politieacademie.", {"academie", "politie"}),
    ("d29", "De academie biedt een leergang digitaal rechercheren.", {"academie"}),
    ("d30", "Politie en justitie werken samen.", {"politie"}),
    ("d31", "Kinderbescherming bij uithuisplaatsing.", {"bescherming", "kind"}),
    ("d32", "Gegevensbescherming en de AVG.", {"bescherming"}),
    ("d33", "Bescherming van minderjarigen online.", {"bescherming"}),
    ("d34", "Chatberichten als bewijs in de rechtszaal.", {"berichten", "chat"}),
    ("d35", "Berichten op sociale media monitoren.", {"berichten"}),
    ("d36", "Berichtgeving in de pers over zedenzaken.", set()),
    ("d37", "De chat werd in beslag genomen.", {"chat"}),
    ("d38", "Het kind vertelde over de webcam.", {"kind"}),
    ("d39", "Kinderen leren over online veiligheid.", {"kind"}),
    ("d40", "Pornografie en wetgeving.", {"porno"}),
    ("d41", "Kinderpornografie: definities en strafmaat.", {"porno", "kind"}),
    ("d42", "Een video van de zitting.", set()),
    ("d43", "Materiaal verzamelen voor de analyse.", set()),
    ("d44", "Kamers in het politiebureau.", {"politie"}),
    ("d45", "Sekstoeristen worden vervolgd.", set()),
    ("d46", "Reis naar het buitenland voor werk.", set()),
    ("d47", "Methode voor het verhoren van getuigen.", set()),
    ("d48", "Gezichten en gezicht herkennen.", {"herkenning"}),
    ("d49", "Data uit servers van daders.", set()),
    ("d50", "Beslag op een laptop.", set()),
]
# Unjudged documents standing in for the rest of a real hub: its everyday words
# ("team", "zaak", "web") are what decompounding checks leftovers against.
BACKGROUND = [
    "Het team bespreekt de zaak met de officier.",
    "Een zaak over seks met minderjarigen via het web.",
    "Het bureau van de recherche en de diensten van de gemeente.",
    "Gegevens uit gesprekken met getuigen worden bewaard.",
    "Een dienst voor slachtofferhulp en een gesprek met ouders.",
    "Bureau, team en dienst delen gegevens volgens protocol.",
]
# query -> concept it asks for
QUERIES = {
    "identificatie": "identificatie",
    "kamera": "kamera",
    "toerisme": "toerisme",
    "misbruik": "misbruik",
    "onderzoek": "onderzoek",
    "herkenning": "herkenning",
    "academie": "academie",
    "bescherming": "bescherming",
    "berichten": "berichten",
    "beeld": "beeld",
    "pornografie": "porno",
    "opsporing": "opsporing",
    "politie": "politie",
    "chat": "chat",
}


def _ngram_analyzer():  # type: ignore[no-untyped-def]
    return RegexTokenizer() | LowercaseFilter() | FoldFilter() | NgramFilter(4, 4)


def build(with_ngrams: bool, background: bool) -> tuple[object, int]:
    fields = {"id": ID(stored=True), FIELD: TEXT(analyzer=text_analyzer("nl"))}
    if with_ngrams:
        fields["ngram"] = TEXT(analyzer=_ngram_analyzer(), phrase=False)
    storage = RamStorage()
    ix = storage.create_index(Schema(**fields))
    with ix.writer() as w:
        extra = [(f"b{i}", text, set()) for i, text in enumerate(BACKGROUND)] if background else []
        for doc_id, text, _ in CORPUS + extra:
            doc = {"id": doc_id, FIELD: text}
            if with_ngrams:
                doc["ngram"] = text
            w.add_document(**doc)
    return ix, storage.total_size()


def ngram_query(word: str) -> query.Query:
    w = fold(word)
    grams = [w[i : i + 4] for i in range(max(1, len(w) - 3))]
    return query.And([query.Term("ngram", g) for g in grams])


def ranked(ix: object, strategy: str) -> dict[str, list[str]]:
    out = {}
    with ix.searcher() as s:  # type: ignore[attr-defined]
        parser = QueryParser(FIELD, ix.schema)  # type: ignore[attr-defined]
        lexicon = [t.decode() for t in s.reader().lexicon(FIELD)]
        expanders = {
            "vocab": CompoundExpander(lexicon, mode=STRICT),
            "vocab-loose": CompoundExpander(lexicon, mode=LOOSE),
            "vocab-tiered": CompoundExpander(lexicon, mode=TIERED),
        }
        for q_text in QUERIES:
            q = parser.parse(q_text)
            if strategy in expanders:
                q = to_whoosh(expand_query(from_whoosh(q), expanders[strategy].expand))
            elif strategy == "ngram":
                q = query.Or([q, ngram_query(q_text)])
            out[q_text] = [hit["id"] for hit in s.search(q, limit=10)]
    return out


def evaluate(strategy: str, results: dict[str, list[str]]) -> dict[str, float]:
    ap_sum = p5_sum = r10_sum = false_hits = intruders = 0.0
    for q_text, concept in QUERIES.items():
        relevant = {d for d, _, concepts in CORPUS if concept in concepts}
        got = results[q_text]
        hits, precisions = 0, []
        for rank, doc_id in enumerate(got, 1):
            if doc_id in relevant:
                hits += 1
                precisions.append(hits / rank)
            else:
                false_hits += 1
        last_relevant = max((i for i, d in enumerate(got) if d in relevant), default=-1)
        intruders += len([d for d in got[:last_relevant] if d not in relevant])
        ap_sum += sum(precisions) / len(relevant)
        p5_sum += len([d for d in got[:5] if d in relevant]) / min(5, len(relevant))
        r10_sum += hits / len(relevant)
    n = len(QUERIES)
    return {
        "MAP": ap_sum / n,
        "P@5": p5_sum / n,
        "R@10": r10_sum / n,
        "false": false_hits,
        "intr": intruders,
    }


def table(background: bool) -> None:
    plain, plain_size = build(False, background)
    grams, gram_size = build(True, background)
    label = "with background vocabulary" if background else "judged corpus only"
    print(f"\n{label}: {len(CORPUS)} documents, {len(QUERIES)} queries")
    print(
        f"{'strategy':<13} {'MAP':>6} {'P@5':>6} {'R@10':>6} {'false':>6} {'intr':>5} {'index':>8}"
    )
    for strategy, ix, size in (
        ("none", plain, plain_size),
        ("vocab", plain, plain_size),
        ("vocab-loose", plain, plain_size),
        ("vocab-tiered", plain, plain_size),
        ("ngram", grams, gram_size),
    ):
        m = evaluate(strategy, ranked(ix, strategy))
        print(
            f"{strategy:<13} {m['MAP']:6.3f} {m['P@5']:6.3f} {m['R@10']:6.3f} "
            f"{int(m['false']):6d} {int(m['intr']):5d} {size / plain_size:7.2f}x"
        )


def main() -> None:
    table(background=False)
    table(background=True)


if __name__ == "__main__":
    main()
