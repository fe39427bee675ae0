"""Find an expert: experts ranked for a topic by their areas and their work."""

from ui.experts.finder import ExpertFinder

__all__ = ["ExpertFinder"]
