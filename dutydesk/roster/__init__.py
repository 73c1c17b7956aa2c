"""Roster (排班): who is on duty when.

Owns shift types, rotation patterns, teams, generation and its quality report
(``service`` composing ``setup``, ``assignments`` and ``generation``; ``records``;
``engine``), leave and swaps (``changes``), the duty calendar with statutory
holidays and make-up workdays (``holidays``), the qualification matrix (``qualifications``),
the month grid (``grid``) and hours and iCalendar exports (``exports``).
"""
