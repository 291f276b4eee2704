"""Build the coach's optional C helpers; everything else is in pyproject.toml.

`tending.coach._engine` is the rule engine's inner loop (`tending.coach.searching` is its
pure-Python twin, used when the extension is not built). `optional=True`: without a C compiler
the install goes on and the twin runs.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension("tending.coach._engine", ["src/tending/coach/_engine.c"], optional=True),
    ]
)
