"""Executes notebooks through nbclient with the given kernel; exits non-zero on the first cell error.

Usage: /usr/bin/python3 run_notebooks.py KERNEL_NAME NOTEBOOK...

render_notebooks.py executes notebooks the same way, through execute() below.
"""
import sys, time
import nbformat
from nbclient import NotebookClient


def execute(nb, kernel_name, cwd=None):
    """Runs every cell of nb in place on a fresh kernel; raises on the first cell error.

    cwd is the kernel's working directory (default: this process's); no timing metadata is recorded,
    so executing the same notebook twice gives the same cell metadata.
    """
    resources = {"metadata": {"path": cwd}} if cwd else {}
    NotebookClient(nb, kernel_name=kernel_name, timeout=600, allow_errors=False, record_timing=False,
                   resources=resources).execute()
    return nb


def main(name, paths):
    failed = 0
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        t0 = time.time()
        try:
            execute(nb, name)
            print("PASS %s (%.1f s)" % (path, time.time() - t0), flush=True)
        except Exception as e:
            failed += 1
            print("FAIL %s: %s" % (path, e), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
