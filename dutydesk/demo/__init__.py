"""Demo data: a realistic duty room told as one story, one module per area.

``site.create_demo`` builds the whole database through the real services around a fixed
day (``site.DEMO_TODAY``); ``site.demo_clock`` is that day's "now" for tests.
"""
