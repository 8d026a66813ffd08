"""python -m drp … runs the drp command-line tool (see drp._cli)."""
from ._cli import main

main()
