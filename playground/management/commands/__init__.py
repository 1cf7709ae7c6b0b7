"""``python manage.py lessons ...``."""
