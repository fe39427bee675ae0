"""Whether a pack's publisher is trusted on this hub, and recording that trust.

A publisher is known by the fingerprint of its signing key; its name is only a label.
A new key under a name this hub already trusts is refused even when the user says
"trust": that is what an impostor would look like.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from expertise.models import TrustedPublisher
from expertise.packs import format as container
from expertise.packs import signing
from expertise.packs.errors import PublisherKeyChanged, UntrustedPublisher
from expertise.packs.records import PackInfo
from expertise.services import audit


def pack_info(session: Session, pack: container.SignedPack, own: str | None) -> PackInfo:
    manifest, fp = pack.manifest, pack.fingerprint
    trusted = session.get(TrustedPublisher, fp) is not None or fp == own
    clash = not trusted and any(
        row.name.casefold() == manifest.publisher_name.casefold()
        for row in session.scalars(select(TrustedPublisher))
    )
    return PackInfo(
        pack_id=manifest.pack_id,
        publisher_name=manifest.publisher_name,
        fingerprint=fp,
        created=manifest.created,
        ceiling=manifest.ceiling,
        with_people=manifest.with_people,
        entry_count=len(manifest.entries),
        trusted=trusted,
        own=fp == own,
        name_clash=clash,
    )


def check_trust(info: PackInfo, trust: bool) -> None:
    name, fp = info.publisher_name, info.fingerprint
    if info.trusted:
        return
    if info.name_clash:
        # Even with --trust: a new key under a trusted name is how an impostor
        # would look. A publisher that really changed its key is untrusted first.
        raise PublisherKeyChanged(
            name,
            fp,
            f"the pack claims to come from {name!r}, but is signed with another key than "
            f"the trusted one (fingerprint {signing.grouped(fp)}); refused. If the publisher "
            "really changed its key, remove the old one from the trusted publishers first",
        )
    if not trust:
        raise UntrustedPublisher(
            name,
            fp,
            f"the pack is signed by {name!r}, a publisher this hub does not trust yet "
            f"(fingerprint {signing.grouped(fp)}). Compare the fingerprint with the "
            "publisher (by phone, not by mail), then import again and trust it",
        )


def add_trusted(session: Session, fp: str, name: str) -> None:
    row = session.get(TrustedPublisher, fp)
    if row is None:
        session.add(TrustedPublisher(fingerprint=fp, name=name.strip()[:200] or fp[:8]))
    audit.record(session, "pack-trust", None, {"publisher": fp})
