"""The one helper for slow work: a function runs off the GUI thread; its result, its progress
(in order), a user error and a bug come back on the GUI thread; a cancelled job or one whose
receiver was deleted delivers nothing."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QEvent, QObject, QThread
from PySide6.QtWidgets import QApplication, QWidget

from verkstad.errors import VerkstadError
from verkstad.storage.errors import StorageError
from verkstad.ui import worker
from verkstad.ui.worker import Cancelled, run_in_worker


def finish(qtbot, job, timeout=5000):
    if job.running:
        with qtbot.waitSignal(job.finished, timeout=timeout):
            pass
    assert not job.running


def test_the_function_runs_off_the_gui_thread_and_its_result_arrives_on_it(qtbot, qapp):
    seen = {}

    def work(a, b, *, progress):
        seen["worker"] = QThread.currentThread()
        return a + b

    def on_result(value):
        seen["result"] = value
        seen["delivered on"] = QThread.currentThread()

    job = run_in_worker(work, 2, 3, on_result=on_result)
    with qtbot.waitSignal(job.succeeded) as signal:
        pass
    assert signal.args == [5] and seen["result"] == 5 and job.state == "done"
    assert seen["worker"] is not qapp.thread()
    assert seen["delivered on"] is qapp.thread()
    assert job not in worker.running_jobs()


def test_progress_arrives_in_order_before_the_result(qtbot):
    events = []

    def work(*, progress):
        for i in range(1, 51):
            progress(i, 50, f"part {i}")
        return "all"

    job = run_in_worker(work, on_progress=lambda done, total, part: events.append((done, total, part)),
                        on_result=lambda value: events.append(value))
    finish(qtbot, job)
    assert events == [(i, 50, f"part {i}") for i in range(1, 51)] + ["all"]


def test_a_user_error_is_delivered_as_an_error(qtbot):
    errors, results = [], []

    def work(*, progress):
        raise VerkstadError("Nothing to print.")

    job = run_in_worker(work, on_result=results.append, on_error=errors.append,
                        on_bug=lambda exc: pytest.fail(f"reported as a bug: {exc!r}"))
    with qtbot.waitSignal(job.failed):
        pass
    assert [str(e) for e in errors] == ["Nothing to print."] and not results and job.state == "error"


def test_a_storage_error_is_the_environments_not_a_bug(qtbot):
    errors = []

    def work(*, progress):
        raise StorageError("disk_full", "/tmp/x.sqlite")

    job = run_in_worker(work, on_error=errors.append, on_bug=lambda exc: pytest.fail("a bug"))
    finish(qtbot, job)
    assert len(errors) == 1 and errors[0].kind == "disk_full"


def test_a_bug_is_logged_with_its_traceback_and_reported(qtbot, caplog):
    bugs = []

    def work(*, progress):
        return {}["missing"]

    with caplog.at_level(logging.ERROR, logger="verkstad.worker"):
        job = run_in_worker(work, on_bug=bugs.append, on_error=lambda exc: pytest.fail("not a user error"))
        finish(qtbot, job)
    assert len(bugs) == 1 and isinstance(bugs[0], KeyError) and job.state == "bug"
    records = [r for r in caplog.records if r.name == "verkstad.worker"]
    assert records and records[0].exc_info and records[0].exc_info[0] is KeyError


def test_a_bug_goes_to_the_bug_dialog_of_the_receiver_by_default(qtbot, monkeypatch):
    reported = []
    monkeypatch.setattr("verkstad.ui.operations.report_bug", lambda parent, exc: reported.append((parent, exc)))
    window = QWidget()
    qtbot.addWidget(window)

    def work(*, progress):
        raise RuntimeError("boom")

    job = run_in_worker(work, receiver=window)
    finish(qtbot, job)
    assert len(reported) == 1 and reported[0][0] is window and str(reported[0][1]) == "boom"


def test_cancel_is_seen_by_the_function_and_nothing_is_delivered(qtbot):
    started, stopped = threading.Event(), threading.Event()
    delivered = []

    def work(*, progress):
        started.set()
        while not progress.cancelled:
            threading.Event().wait(0.005)
        stopped.set()
        progress(1, 1)  # too late: dropped
        progress.check()  # raises Cancelled
        return "finished anyway"

    job = run_in_worker(work, on_result=delivered.append, on_progress=lambda *a: delivered.append(a),
                        on_error=delivered.append, on_bug=delivered.append)
    assert started.wait(5)
    job.cancel()
    finish(qtbot, job)
    assert stopped.is_set() and job.state == "cancelled" and not delivered


def test_a_cancelled_function_that_returns_normally_delivers_nothing(qtbot):
    gate = threading.Event()
    delivered = []

    def work(*, progress):
        gate.wait(5)
        return 42

    job = run_in_worker(work, on_result=delivered.append)
    job.cancel()
    gate.set()
    finish(qtbot, job)
    assert job.state == "cancelled" and not delivered


def test_a_result_for_a_deleted_receiver_is_dropped(qtbot):
    gate = threading.Event()
    delivered = []

    class Receiver(QObject):
        def take(self, value):
            delivered.append(value)

    receiver = Receiver()

    def work(*, progress):
        gate.wait(5)
        if progress.cancelled:
            raise Cancelled
        return "late"

    job = run_in_worker(work, receiver=receiver, on_result=receiver.take)
    receiver.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the receiver is gone
    assert not shiboken6.isValid(receiver)
    assert job.cancelled  # its deletion cancelled the job
    gate.set()
    finish(qtbot, job)
    assert job.state == "cancelled" and not delivered


def test_the_job_is_kept_until_its_outcome_is_delivered(qtbot):
    gate = threading.Event()
    results = []

    def work(*, progress):
        gate.wait(5)
        return "kept"

    job = run_in_worker(work, on_result=results.append)
    key = job.key
    del job  # the caller keeps no reference: the helper does
    assert any(j.key == key for j in worker.running_jobs())
    gate.set()
    qtbot.waitUntil(lambda: results == ["kept"], timeout=5000)
    assert all(j.key != key for j in worker.running_jobs())


def test_it_refuses_to_start_off_the_gui_thread(qtbot):
    failures = []

    def start_from_worker(*, progress):
        try:
            run_in_worker(lambda *, progress: None)
        except RuntimeError as exc:
            failures.append(str(exc))
        return None

    finish(qtbot, run_in_worker(start_from_worker))
    assert failures and "GUI thread" in failures[0]


def test_the_gil_is_handed_over_quickly_only_while_jobs_run(qtbot):
    import sys

    qtbot.waitUntil(lambda: not worker.running_jobs(), timeout=20000)  # jobs of earlier tests
    before = sys.getswitchinterval()
    gate = threading.Event()
    job = run_in_worker(lambda *, progress: gate.wait(5))
    assert sys.getswitchinterval() == worker.SWITCH_INTERVAL < before
    gate.set()
    finish(qtbot, job)
    assert sys.getswitchinterval() == before
