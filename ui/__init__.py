"""Qt user interface: a thin layer over the dutydesk core."""

from ui.qt_compat import protect_none_refcount

protect_none_refcount()
