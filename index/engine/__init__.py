"""The numpy engine: postings decoded to arrays, doc sets, BM25F scoring, phrases."""
