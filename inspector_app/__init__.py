"""Field Inspector: offline-first desktop application for product-quality field inspectors."""

__version__ = "0.1.0"
APP_NAME = "FieldInspector"
