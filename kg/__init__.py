"""kg: Arabic news into a knowledge graph.

    import kg
    g = kg.open("kg-store")
    g.query("SELECT ?e WHERE { ?e a kg:Event } LIMIT 5")
"""

__version__ = "0.1.0"


def open(path="kg-store", *, read_only=True):  # noqa: A001 - the name a notebook user expects
    """Open a kg store (see kg.api.KnowledgeGraph)."""
    from kg.api import open as open_store
    return open_store(path, read_only=read_only)
