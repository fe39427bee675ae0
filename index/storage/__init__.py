"""Storage role: sealed files, the in-memory Whoosh file system, the commit layout.

``expertise/rekey.py`` imports ``reseal_folder`` from here; the names below
are this package's public face.
"""

from index.storage.encrypted import (
    MAGIC,
    STAGE_DIR,
    EncryptedStorage,
    decrypt_file,
    file_aad,
    reseal_folder,
)

__all__ = ["MAGIC", "STAGE_DIR", "EncryptedStorage", "decrypt_file", "file_aad", "reseal_folder"]
