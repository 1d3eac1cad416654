"""`python -m khabar ...`: the `khabar` command."""

from ._cli import main

main()
