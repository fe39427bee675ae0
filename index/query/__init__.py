"""Query handling: parsing user text, compound and synonym expansion, the vocabulary."""
