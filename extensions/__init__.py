"""Logic behind the copier-pyo3 template: plain Python, unit-tested without Copier."""
