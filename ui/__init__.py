"""Qt user interface: a thin layer over the dutydesk core."""

from ui.qt_compat import forget_feature_sources, protect_none_refcount

protect_none_refcount()
forget_feature_sources()
