"""The ``dutydesk`` command: the composition root for the window, reports and file tools.

``main.main`` parses the arguments and runs one subcommand; ``ui`` and ``reports`` are
imported only inside the subcommands that need them.
"""
