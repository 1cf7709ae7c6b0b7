"""Management commands of the playground app (``lessons``)."""
