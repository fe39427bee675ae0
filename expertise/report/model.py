"""A progress report as a document: sections of facts, tables, lists and charts, already
in the report's language. The PDF and DOCX writers both render this one model."""

from __future__ import annotations

from dataclasses import dataclass

from expertise.courses.labels import Level


@dataclass(frozen=True)
class Facts:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Items:
    heading: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Chart:
    """bar / hbar: one series; stacked: several series that add up; grouped: several
    series side by side (they may overlap); heatmap: one series per row, one value per
    category (column)."""

    id: str
    kind: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[int, ...]], ...]

    def is_empty(self) -> bool:
        return not any(any(values) for _label, values in self.series)


Block = Facts | Table | Text | Items | Chart


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    blocks: tuple[Block, ...]

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"


@dataclass(frozen=True)
class ReportDocument:
    lang: str
    year: int
    title: str
    brand: str
    kicker: str
    cover_facts: tuple[tuple[str, str], ...]
    notes: tuple[str, ...]  # method and period notes under the cover facts
    banner: Level
    footer: str
    page_label: str
    contents_title: str
    sections: tuple[Section, ...]

    @property
    def banner_text(self) -> str:
        return self.banner.label.upper()

    def charts(self) -> list[Chart]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Chart)]
