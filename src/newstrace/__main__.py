"""``python -m newstrace`` runs the command-line interface."""

from newstrace.cli import main

main()
