"""People: who may do what.

Owns people, roles, passwords, sign-in and the permission checks every core action makes
(``auth``: ``Person``, ``PeopleService``, the role constants ``ADMIN``, ``LEADER``,
``OFFICER``, ``AUDITOR``), the input checks every area shares (``inputs``) and
``PeopleContext`` (``context``), the context every area above it works in.
"""
