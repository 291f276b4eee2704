"""The one compiled part: the coach's second opinion scored in C (`tending.coach._scoring`).

Everything else is in pyproject.toml. The extension is optional: without a C compiler the
install goes on and the coach runs the same pure-Python scoring (same answers, slower); the
tests hold the two to each other and, under CI, insist the compiled one is there.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "tending.coach._scoring",
            ["src/tending/coach/_scoring.c"],
            optional=True,
            extra_compile_args=["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter",
                                "-Wno-missing-field-initializers"],
        )
    ]
)
