"""DutyDesk core: duty-room records in one SQLite file, without any GUI or PDF imports."""

__version__ = "0.1.0"
