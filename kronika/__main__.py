"""`python -m kronika` is the same as the `kronika` command."""
from kronika.cli import app

app(prog_name="kronika")
