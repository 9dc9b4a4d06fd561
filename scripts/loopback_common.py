"""Shared by the loopback measurements: a free port, asyncio in a thread, the check-or-write end.

* ``free_port()``: a TCP port on 127.0.0.1 that nothing listens on now.
* ``run_in_thread(coroutine)``: ``asyncio.run`` in a thread of its own, because the caller may
  already run an event loop (pytest-playwright does) and ``asyncio.run`` refuses to nest; an
  exception is re-raised in the caller's thread.
* ``check_or_write(...)``: the common end of a measuring script's ``main``: with ``--check``,
  exit 1 unless the fresh rows and the committed file's rows all agree; otherwise rewrite the
  committed file (unless ``--no-write``, or a fresh row disagrees and ``write_when_bad`` is
  off) and exit 1 if a fresh row disagrees.
"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import threading
from collections.abc import Callable, Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

__all__ = ["check_or_write", "free_port", "run_in_thread"]

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_in_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    result: list[T] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            result.append(asyncio.run(coroutine))
        except BaseException as error:  # re-raised in the caller's thread
            errors.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    if errors:
        raise errors[0]
    return result[0]


def check_or_write(*, rows: Sequence[Any], compare: Callable[[dict[str, Any]], Sequence[Any]],
                   doc: dict[str, Any], output: Path, root: Path, check: bool, no_write: bool,
                   disagree: str, agree: str, outside: str, write_when_bad: bool = True) -> int:
    """Rows carry ``within_tolerance``; ``compare`` turns a document into rows; ``agree`` is
    printed with ``{file}`` replaced by the committed file's path."""
    bad = [r for r in rows if not r.within_tolerance]
    if check:
        committed = compare(json.loads(output.read_text(encoding="utf-8")))
        if bad or not all(r.within_tolerance for r in committed):
            print(disagree, file=sys.stderr)
            return 1
        print(agree.format(file=output.relative_to(root)))
        return 0
    if bad:
        print(f"{len(bad)} {outside}", file=sys.stderr)
        if not write_when_bad:
            return 1
    if not no_write:
        output.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {output.relative_to(root)}: {len(doc.get('runs', rows))} runs")
    return 1 if bad else 0
