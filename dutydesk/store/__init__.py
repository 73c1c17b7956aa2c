"""Storage: the one SQLite file and what keeps it trustworthy.

Owns opening and migrating the file (``db``, ``migrations``), the hash-chained audit trail
(``audit``), electronic signatures (``signing``), verification (``verify``), backups and the
audit export (``db``, ``archive``), site settings (``settings``), where files live
(``paths``), files kept inside the database (``files``), records from rows (``rows``),
reading one record or naming the missing one (``lookup``), list filters (``where``),
audited add-or-change and numbered lines (``writes``), and ``StoreContext``/``Acting``
(``context``): what it needs from whoever holds the open file and whoever acts.
Every other area builds on it; it imports no other area.
"""
