"""Qt user interface: a thin layer over the dutydesk core."""
