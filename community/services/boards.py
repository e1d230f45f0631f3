"""Creating and changing boards: administrators do this in the Django admin."""

from django.db import transaction

from ..markup import render_markdown
from ..models import Board


@transaction.atomic
def save_board(board: Board) -> Board:
    """Save a board, rendering its ground rules with the same safe Markdown as posts."""
    board.full_clean()
    board.ground_rules_html = render_markdown(board.ground_rules)
    board.save()
    return board
