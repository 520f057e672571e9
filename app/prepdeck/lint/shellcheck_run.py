"""Starting shellcheck processes on script files, and collecting their reports.

    folder = ScratchFolder()                       # private, removed by .remove()
    process = Process.start(executable, arguments, folder.path("out-0.json"))
    ...                                            # other work while ShellCheck runs
    report = process.finish(deadline)              # its output, or None (crashed or timed out)

`prepdeck lint FILE` starts one of these per file, so what is imported here is part of every
such process: `subprocess` (with threading, selectors and signal) is 5 ms to import, `tempfile`
(with shutil and random) 4 ms, out of about 30 ms. Where the OS has posix_spawn, a process is
started with it; its output goes to a file (no pipe to drain, so several can run while the caller
does other work), and its end is waited for through a pidfd where Linux gives one, else by polling.
Elsewhere (Windows) subprocess does all of it.
"""

from __future__ import annotations

import os
import sys
import time

from prepdeck.lint.registry import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import subprocess

__all__ = ["Process", "ScratchFolder"]

_POLL_LONGEST = 0.02  # seconds between two looks at a process, where no pidfd tells us its end


class ScratchFolder:
    """A new folder only this user can read, in the system's temporary folder."""

    __slots__ = ("root",)

    def __init__(self) -> None:
        self.root = _new_folder()

    def path(self, name: str) -> str:
        return os.path.join(self.root, name)

    def write(self, name: str, text: str) -> str:
        path = self.path(name)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        return path

    def remove(self) -> None:
        try:
            for entry in os.scandir(self.root):
                os.unlink(entry.path)
            os.rmdir(self.root)
        except OSError:
            pass  # a file left in the temporary folder is no reason to fail a lint


def _new_folder() -> str:
    if os.name == "posix":
        for base in (os.environ.get("TMPDIR"), "/tmp", "/var/tmp"):
            if not base:
                continue
            for attempt in range(100):
                root = os.path.join(
                    base, f"prepdeck-shellcheck-{os.getpid()}-{time.monotonic_ns()}-{attempt}"
                )
                try:
                    os.mkdir(root, 0o700)
                except FileExistsError:
                    continue
                except OSError:
                    break  # this base is not writable: try the next
                return root
    import tempfile

    return tempfile.mkdtemp(prefix="prepdeck-shellcheck-")


class Process:
    """One shellcheck process writing its report to `output`."""

    __slots__ = ("output", "pid", "popen")

    def __init__(self, output: str, pid: int = 0, popen: subprocess.Popen[bytes] | None = None) -> None:
        self.output = output
        self.pid = pid
        self.popen = popen

    @classmethod
    def start(cls, executable: str, arguments: list[str], output: str) -> Process:
        """Start `executable arguments...`, its standard output going to the file `output`."""
        if hasattr(os, "posix_spawn"):
            actions = [
                (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                (os.POSIX_SPAWN_OPEN, 1, output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600),
                (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
            ]
            pid = os.posix_spawn(executable, [executable, *arguments], os.environ, file_actions=actions)
            return cls(output, pid=pid)
        import subprocess

        with open(output, "wb") as handle:
            popen = subprocess.Popen(
                [executable, *arguments], stdin=subprocess.DEVNULL, stdout=handle, stderr=subprocess.DEVNULL
            )
        return cls(output, popen=popen)

    def finish(self, deadline: float) -> str | None:
        """Wait for the process until `deadline` (time.monotonic()); its report, or None when it was
        killed at the deadline or ended with a status other than 0 (clean) or 1 (comments)."""
        code = self._wait(deadline)
        if code not in (0, 1):
            return None
        try:
            with open(self.output, encoding="utf-8", errors="replace") as handle:
                return handle.read()
        except OSError:
            return None

    def cancel(self) -> None:
        """Stop the process and wait for its end."""
        if self.popen is not None:
            self.popen.kill()
            self.popen.wait()
            return
        try:  # noqa: SIM105 - contextlib is not otherwise imported on this path
            os.kill(self.pid, 9)
        except OSError:
            pass  # it has ended already
        os.waitpid(self.pid, 0)

    def _wait(self, deadline: float) -> int | None:
        if self.popen is not None:
            import subprocess

            try:
                return self.popen.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()
                return None
        status = _status_by(self.pid, deadline)
        if status is None:
            self.cancel()  # a pathological script must not hang the linter
            return None
        return os.waitstatus_to_exitcode(status)


def _status_by(pid: int, deadline: float) -> int | None:
    """The wait status of process `pid` (a child not yet waited for) once it ends, or None when it
    has not ended by `deadline`."""
    if sys.platform == "linux" and hasattr(os, "pidfd_open"):
        try:
            handle = os.pidfd_open(pid)
        except OSError:
            handle = -1
        if handle >= 0:
            import select

            try:
                poller = select.poll()
                poller.register(handle, select.POLLIN)
                if not poller.poll(max(0.0, deadline - time.monotonic()) * 1000):
                    return None
            finally:
                os.close(handle)
            return os.waitpid(pid, 0)[1]
    delay = 0.0005
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        if time.monotonic() >= deadline:
            return None
        time.sleep(delay)
        delay = min(delay * 2, _POLL_LONGEST)
