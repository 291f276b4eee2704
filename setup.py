"""The compiled parts of the coach, all optional: its second opinion scored in C
(`tending.coach._scoring`), the rule engine's inner loops (`tending.coach._engine`), the
normalizer's fast path (`tending.coach._normalize`), the depth reader's
(`tending.coach._depth`) and the steps between the stages (`tending.coach._glue`).

Everything else is in pyproject.toml. Without a C compiler the install goes on and the coach
runs the same pure-Python code (same answers, slower): `learned.py`'s packed sums,
`searching.py`'s, `normalize.py`'s, `depth.py`'s and `glue.py`'s twins; the tests hold each
pair to each other and, under CI, insist the compiled ones are there.
"""

from setuptools import Extension, setup

WARNINGS = ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter", "-Wno-missing-field-initializers"]

setup(
    ext_modules=[
        Extension(
            "tending.coach._scoring",
            ["src/tending/coach/_scoring.c"],
            optional=True,
            extra_compile_args=WARNINGS,
        ),
        Extension(
            "tending.coach._engine",
            ["src/tending/coach/_engine.c"],
            optional=True,
            extra_compile_args=WARNINGS,
        ),
        Extension(
            "tending.coach._normalize",
            ["src/tending/coach/_normalize.c"],
            depends=["src/tending/coach/_reader_api.h"],
            optional=True,
            extra_compile_args=WARNINGS,
        ),
        Extension(
            "tending.coach._depth",
            ["src/tending/coach/_depth.c"],
            optional=True,
            extra_compile_args=WARNINGS,
        ),
        Extension(
            "tending.coach._glue",
            ["src/tending/coach/_glue.c"],
            depends=["src/tending/coach/_reader_api.h"],
            optional=True,
            extra_compile_args=WARNINGS,
        ),
    ]
)
