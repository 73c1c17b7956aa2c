"""PDF documents made with reportlab from core data; never imports Qt."""
