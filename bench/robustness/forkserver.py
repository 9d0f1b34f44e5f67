"""A launcher that imports Dabble once and forks a fresh gunicorn (master and workers) on each request.

`python -m bench.robustness.forkserver` reads one command per line on stdin, a JSON object
{"arguments": [...], "environment": {...}, "log": "path"}: it starts a new gunicorn with those
arguments and environment variables, in a process group of its own writing to the log,
and answers its pid on stdout. Importing Dabble takes seconds; forking an interpreter that has imported it takes
milliseconds, so a crash test can kill the whole server (the group) with SIGKILL and start a new
one a hundred times. Each gunicorn is a new process tree with its own workers, engines and
database connections: only the imported modules are shared, copy-on-write.
"""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import sys

import gunicorn.app.wsgiapp

import runtime.app  # noqa: F401 - imported once here, inherited by every fork

PR_SET_CHILD_SUBREAPER = 36


def _adopt_orphans() -> None:
    """Become the subreaper of what we start: workers of a killed gunicorn come back to us and are reaped at once."""
    with contextlib.suppress(OSError, AttributeError):  # elsewhere than Linux: init reaps them, a little later
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _serve(command: dict) -> None:
    """In the child: a process group of its own, then gunicorn in the foreground until it is stopped or killed."""
    os.setpgid(0, 0)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)  # gunicorn waits for its own workers
    log = os.open(command["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    os.environ.update(command["environment"])
    sys.argv = ["gunicorn", *command["arguments"]]
    try:
        gunicorn.app.wsgiapp.WSGIApplication("%(prog)s [OPTIONS] [APP_MODULE]").run()
    finally:
        os._exit(0)


def main() -> None:
    """Serve start commands until stdin closes."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the gunicorns that exit or are killed
    _adopt_orphans()
    for line in sys.stdin:
        command = json.loads(line)
        pid = os.fork()
        if pid == 0:
            sys.stdin.close()
            _serve(command)
        os.setpgid(pid, pid)  # the child does so too: whichever runs first, the group exists before the answer
        print(pid, flush=True)


if __name__ == "__main__":
    main()
