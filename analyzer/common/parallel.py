"""Run one function in a forked worker process while the caller goes on, and collect its result.

The scan has independent steps (the androguard manifest parse and the DEX
decoding; the security facts and the taint analysis) that can use a second
core. :func:`start` forks a worker that runs the function on a copy of the
caller's memory and sends the pickled result back through a pipe; the
returned *waiter* blocks until it arrives. Whenever the worker cannot give
a result — no ``fork`` on the platform, a daemonic process (Dask and
multiprocessing workers may not have children), no process left, the
function raised, the result does not pickle, the worker was killed — the
waiter runs the function inline, so the caller sees exactly what an inline
call would give (its exceptions included). The function must not rely on
side effects in the caller's memory: the worker's are lost.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _worker(conn: Any, fn: Callable[[], Any]) -> None:
    try:
        result = fn()
        conn.send(("ok", result))
    except BaseException:  # the waiter runs fn inline and raises it there
        with contextlib.suppress(BaseException):  # the pipe is gone: the waiter sees EOF
            conn.send(("fail", None))
    finally:
        conn.close()


def can_fork() -> bool:
    """Whether this process may fork a worker."""
    return (not multiprocessing.current_process().daemon
            and "fork" in multiprocessing.get_all_start_methods())


def start(fn: Callable[[], T], background: bool = True) -> Callable[[], T]:
    """Start ``fn()`` in a forked worker (inline when ``background`` is false or forking is not possible).

    Returns a waiter: call it once to get ``fn()``'s result.
    """
    if not background or not can_fork():
        return fn
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    try:
        proc = ctx.Process(target=_worker, args=(send, fn), daemon=True)
        proc.start()
    except OSError:  # no more processes
        recv.close()
        return fn
    finally:
        send.close()

    def wait() -> T:
        try:
            kind, value = recv.recv()
        except (EOFError, OSError):  # the worker died (killed, out of memory)
            kind, value = "fail", None
        except Exception:  # the result did not unpickle
            kind, value = "fail", None
        finally:
            recv.close()
            proc.join()
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        return fn()

    return wait
