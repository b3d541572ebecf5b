"""A plugin module that fails to import: sitelint must name it and exit 2, never skip it."""

raise ImportError("sitelint_broken_plugin needs a library that is not installed")
