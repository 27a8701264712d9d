"""Loading and validation of the data folders (knowledge/, rules/, cases/); no clinical content."""

from .base import KnowledgeBase
from .errors import KnowledgeError
from .load import load_knowledge

__all__ = ["KnowledgeBase", "KnowledgeError", "load_knowledge"]
