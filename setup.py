"""Builds sitelint's optional C accelerator (sitelint/_speedups.pyx, the content walk).

Everything else is in pyproject.toml. The extension is optional: where it cannot be compiled (no C
compiler), setuptools goes on without it and sitelint runs its pure-Python walk, with the same results.
"""

from setuptools import Extension, setup

try:
    import lxml
    from Cython.Build import cythonize
except ImportError:  # a build without the build requirements (pyproject.toml lists them)
    ext_modules = []
else:
    ext_modules = cythonize(
        [Extension("sitelint._speedups", ["sitelint/_speedups.pyx"], include_dirs=lxml.get_include())],
        compiler_directives={"language_level": 3},
        quiet=True,
    )
    for ext in ext_modules:  # cythonize() makes new Extension objects: optional is set on those
        ext.optional = True

setup(ext_modules=ext_modules)
