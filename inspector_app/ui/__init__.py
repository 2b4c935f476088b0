"""Everything PySide6: the only package that imports it."""
