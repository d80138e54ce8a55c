"""The examiner thread: order, a bounded backlog, failures that stop nothing, settle and close."""

from __future__ import annotations

import logging
import threading
import time

import pytest

from analyzer.traffic.examiner import Examiner


def test_jobs_run_in_order_off_the_calling_thread() -> None:
    ex = Examiner()
    seen: list[tuple[int, str]] = []
    for i in range(200):
        assert ex.submit(lambda i=i: seen.append((i, threading.current_thread().name)))
    assert ex.settle(10)
    assert [i for i, _ in seen] == list(range(200))
    assert {name for _, name in seen} == {"piflow-examiner"}
    assert ex.close(10) and ex.backlog() == (0, 0)


def test_backlog_is_bounded_by_bytes_and_by_jobs() -> None:
    gate = threading.Event()
    ex = Examiner(max_bytes=1000, max_jobs=4)
    assert ex.submit(gate.wait, 600)
    assert ex.submit(lambda: None, 400)
    assert not ex.submit(lambda: None, 1)          # no room for one more byte
    assert ex.submit(lambda: None)                   # a job holding no bytes still fits
    assert ex.submit(lambda: None)
    assert not ex.submit(lambda: None)               # four jobs wait: the fifth is refused
    assert ex.refused == 2 and ex.backlog() == (4, 1000)
    assert not ex.settle(0.2)                        # the first job still blocks
    gate.set()
    assert ex.settle(10) and ex.backlog() == (0, 0)
    assert ex.submit(lambda: None, 1000)             # room again
    assert ex.close(10)


def test_a_failing_job_is_logged_and_the_others_run(caplog: pytest.LogCaptureFixture) -> None:
    ex = Examiner()
    ran: list[int] = []

    def boom() -> None:
        raise RuntimeError("detector bug")

    with caplog.at_level(logging.ERROR, logger="piflow.examiner"):
        ex.submit(boom, 10)
        ex.submit(lambda: ran.append(1), 10)
        assert ex.settle(10)
    assert ran == [1] and ex.failed == 1 and ex.backlog() == (0, 0)
    assert "detector bug" in caplog.text
    ex.close(10)


def test_close_runs_what_is_queued_and_a_later_submit_starts_again() -> None:
    ex = Examiner()
    ran: list[int] = []
    for i in range(3):
        ex.submit(lambda i=i: (time.sleep(0.05), ran.append(i)))
    assert ex.close(10) and ran == [0, 1, 2]
    ex.submit(lambda: ran.append(3))
    assert ex.close(10) and ran == [0, 1, 2, 3]
