"""Packaged data: word lists and host lists the checks load with importlib.resources."""
