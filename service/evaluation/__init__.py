"""The labelled evaluation: the service's ranking against plain dense and BM25 baselines."""
