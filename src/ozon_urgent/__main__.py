"""`python -m ozon_urgent`."""

from ozon_urgent.entry import main

main()
