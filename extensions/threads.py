"""How a rendered project stress-tests its extension for free-threaded Python.

pytest-run-parallel runs every test in several threads at once, each thread
repeating it: shared state that a test or the extension mutates without a
lock fails there (rpds-py, pydantic-core and NumPy run their suites so). The
free-threaded CI jobs, nox sessions and release tests pass these options, and
`just test-threads` runs them anywhere.
"""

from __future__ import annotations

THREADS = 8
ITERATIONS = 4
PYTEST_OPTIONS = f"--parallel-threads={THREADS} --iterations={ITERATIONS}"
