"""Fault injection by SIGKILL: the parts behind `python -m bench.killrun`.

template builds a fictional hub once, ops runs one CLI operation per copy,
state reads a hub back into a comparable form, probe judges a killed copy,
report writes the results.
"""
