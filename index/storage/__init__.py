"""Storage role: sealed files, the in-memory Whoosh file system, the commit layout.

``expertise/rekey.py`` imports ``reseal_folder`` from here; the names below
are this package's public face.
"""

from index.storage.chunked import MAGIC, read_header, seal_to_path
from index.storage.encrypted import STAGE_DIR, EncryptedStorage, reseal_folder

__all__ = ["MAGIC", "STAGE_DIR", "EncryptedStorage", "read_header", "reseal_folder", "seal_to_path"]
