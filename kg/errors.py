"""The exceptions kg raises: each message says what is wrong, where, and how to fix it."""


class KgError(Exception):
    """Base class of every error kg reports to its user."""


class ReadError(KgError):
    """An article could not be read: the message starts with ``path:line:``."""

    def __init__(self, origin: str, problem: str):
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class LexiconError(KgError):
    """A lexicon file is malformed."""


class StoreError(KgError):
    """The store cannot be opened or written (locked, incompatible, missing)."""


class QueryError(KgError):
    """A SPARQL query is malformed or names an unknown shipped query."""
