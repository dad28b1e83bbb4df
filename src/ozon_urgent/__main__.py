"""`python -m ozon_urgent`."""

from ozon_urgent.cli.entry import main

main()
