"""People: who may do what.

Owns people, roles, passwords, sign-in and the permission checks every core action makes
(``auth``: ``Person``, ``PeopleService``, the role constants ``ADMIN``, ``LEADER``,
``OFFICER``, ``AUDITOR``).
"""
