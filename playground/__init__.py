"""The web playground: Django + Channels site around ``cluster_core.Playground``.

This package is both the Django project (settings, urls, asgi) and its one app (models, views,
consumers, services); ``playground.lessons`` is the lesson engine.
"""
