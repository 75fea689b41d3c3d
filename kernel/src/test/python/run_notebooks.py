"""Executes notebooks through nbclient with the given kernel; exits non-zero on the first cell error.

Usage: /usr/bin/python3 run_notebooks.py KERNEL_NAME NOTEBOOK...
"""
import sys, time
import nbformat
from nbclient import NotebookClient

name, paths = sys.argv[1], sys.argv[2:]
failed = 0
for path in paths:
    nb = nbformat.read(path, as_version=4)
    t0 = time.time()
    try:
        NotebookClient(nb, kernel_name=name, timeout=600, allow_errors=False).execute()
        print("PASS %s (%.1f s)" % (path, time.time() - t0), flush=True)
    except Exception as e:
        failed += 1
        print("FAIL %s: %s" % (path, e), flush=True)
sys.exit(1 if failed else 0)
