"""``python manage.py grading_token USERNAME``: print a staff user's token for ``POST /api/grade/``.

The token is signed with the site's secret key and bound to the user's password and staff status
(``playground.grading_api.token_for``): it stops working when either changes, or when the user is
deactivated. Printing it again gives the same token.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from playground.grading_api import token_for


class Command(BaseCommand):
    help = "Print a staff user's API token for POST /api/grade/ (Authorization: Bearer <token>)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        if not user.is_staff or not user.is_active:
            raise CommandError(f"{user.username} is not an active staff user: only staff may grade")
        self.stdout.write(token_for(user))
