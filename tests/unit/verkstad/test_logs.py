"""The log: a rotating file under $VERKSTAD_LOG_DIR with a start-up line, faulthandler
writing beside it, and hooks that log uncaught exceptions with their traceback."""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import platform
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from verkstad import __version__, logs

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def log_dir(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv(logs.ENV_DIR, str(folder))
    yield folder
    logs.shutdown()


def _text(path: Path) -> str:
    for handler in logging.getLogger("verkstad").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8")


def test_setup_writes_the_start_up_line_under_the_env_folder(log_dir):
    path = logs.setup()
    assert path == log_dir / "verkstad.log" == logs.log_file()
    line = _text(path).splitlines()[0]
    assert "INFO verkstad" in line and "Verkstad starting" in line
    assert f"Verkstad {__version__}" in line
    assert f"Python {platform.python_version()}" in line
    assert platform.system() in line


def test_the_default_folder_is_platformdirs_user_log_folder(monkeypatch):
    import platformdirs

    monkeypatch.delenv(logs.ENV_DIR, raising=False)
    assert logs.default_dir() == Path(platformdirs.user_log_dir("Verkstad", "Verkstad"))


def test_an_explicit_folder_wins(log_dir, tmp_path):
    assert logs.setup(tmp_path / "elsewhere") == tmp_path / "elsewhere" / "verkstad.log"


def test_the_file_rotates_at_about_a_megabyte_keeping_five(log_dir):
    path = logs.setup()
    handlers = [h for h in logging.getLogger("verkstad").handlers
                if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert len(handlers) == 1
    handler = handlers[0]
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    assert Path(handler.baseFilename) == path
    handler.maxBytes = 2_000  # rotate for real, without writing megabytes
    for i in range(200):
        logging.getLogger("verkstad.test").info("line %03d %s", i, "x" * 50)
    names = sorted(p.name for p in log_dir.glob("verkstad.log*"))
    assert names == ["verkstad.log", "verkstad.log.1", "verkstad.log.2", "verkstad.log.3",
                     "verkstad.log.4", "verkstad.log.5"]
    assert "line 199" in _text(path)


def test_setup_twice_keeps_one_handler(log_dir):
    first = logs.setup()
    assert logs.setup() == first
    assert sum(isinstance(h, logging.handlers.RotatingFileHandler)
               for h in logging.getLogger("verkstad").handlers) == 1
    assert _text(first).count("Verkstad starting") == 1


def test_faulthandler_writes_to_a_file_in_the_same_folder(log_dir):
    logs.setup()
    assert logs.fault_file() == log_dir / "faulthandler.log"
    assert logs.fault_file().exists()
    assert faulthandler.is_enabled()
    assert f"Verkstad {__version__}" in logs.fault_file().read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_hard_crash_leaves_its_traceback_in_the_fault_file(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "desktop"), logs.ENV_DIR: str(tmp_path)}
    code = "from verkstad import logs; logs.setup(); import faulthandler; faulthandler._sigsegv()"
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, timeout=60)
    assert result.returncode != 0
    text = (tmp_path / "faulthandler.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in text
    assert 'File "<string>", line 1' in text


def test_sys_excepthook_logs_the_traceback(log_dir, monkeypatch):
    path = logs.setup()
    assert sys.excepthook is logs.excepthook
    passed_on = []
    monkeypatch.setattr(logs._state, "previous_excepthook", lambda *info: passed_on.append(info))
    try:
        raise KeyError("a bug nobody caught")
    except KeyError:
        sys.excepthook(*sys.exc_info())
    text = _text(path)
    assert "CRITICAL verkstad" in text and "uncaught exception" in text
    assert "Traceback (most recent call last)" in text
    assert "KeyError: 'a bug nobody caught'" in text
    assert "test_sys_excepthook_logs_the_traceback" in text
    assert len(passed_on) == 1  # the previous hook still prints it


def test_threading_excepthook_logs_the_traceback(log_dir, monkeypatch):
    path = logs.setup()
    assert threading.excepthook is logs.threading_excepthook
    monkeypatch.setattr(logs._state, "previous_threading_excepthook", lambda args: None)

    def work():
        raise RuntimeError("a bug in a worker")

    thread = threading.Thread(target=work, name="worker-7")
    thread.start()
    thread.join()
    text = _text(path)
    assert "uncaught exception in thread worker-7" in text
    assert "RuntimeError: a bug in a worker" in text and "in work" in text


def test_shutdown_puts_the_hooks_back(log_dir):
    before = sys.excepthook, threading.excepthook
    logs.setup()
    logs.shutdown()
    assert (sys.excepthook, threading.excepthook) == before
    assert logs.log_file() is None
    assert not any(isinstance(h, logging.handlers.RotatingFileHandler)
                   for h in logging.getLogger("verkstad").handlers)


def test_an_unwritable_folder_does_not_stop_the_start(log_dir, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    path = logs.setup(blocker / "logs")  # mkdir fails: the folder's parent is a file
    assert path.exists() and path.parent != blocker / "logs"
    assert "cannot write the log in" in _text(path)
    assert logs.setup(blocker / "logs") == path  # asked again (run_gui after cli.main): the same file
    logs.shutdown()
    shutil.rmtree(path.parent)  # the fallback folder is a fresh temporary one
