"""A throw-away PostgreSQL server for the tests: initdb in a temp folder, a free port, removed after.

CI runs as root and PostgreSQL refuses to: the server then runs as the `postgres` system account
through `runuser`, in a folder handed to that account.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "pg-Secret-9"


@dataclass(frozen=True)
class PgServer:
    folder: Path
    port: int
    bin_dir: Path
    prefix: tuple[str, ...]

    def url(self, database: str = "postgres") -> str:
        # trust authentication ignores the password; it is there to prove it is never printed
        return f"postgresql://postgres:{PASSWORD}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        self.halt()
        shutil.rmtree(self.folder, ignore_errors=True)

    def halt(self) -> None:
        """Stop the server at once, as a crash or a pulled cable would; its data stays for `resume`."""
        self._pg_ctl("-m", "immediate", "stop", check=False)

    def resume(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        options += " -c max_connections=50"
        self._pg_ctl("-o", options, "-l", str(self.folder / "log"), "-w", "-t", "60", "start", check=True)

    def _pg_ctl(self, *args: str, check: bool) -> None:
        subprocess.run(
            [*self.prefix, str(self.bin_dir / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            capture_output=True,
            check=check,
            timeout=90,
        )


def find_bin_dir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: PATH, /usr/local/bin, then Debian's versioned folders."""
    candidates = [os.path.dirname(shutil.which("initdb") or ""), "/usr/local/bin"]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for folder in candidates:
        if folder and all(
            os.access(os.path.join(folder, n), os.X_OK) for n in ("initdb", "pg_ctl", "postgres")
        ):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server() -> PgServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("initdb/pg_ctl/postgres not found (Debian: postgresql-15)")
    folder = Path(tempfile.mkdtemp(prefix="ozon-urgent-pg-"))
    prefix: tuple[str, ...] = ()
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        os.chown(folder, account.pw_uid, account.pw_gid)
        prefix = ("runuser", "-u", "postgres", "--")
    port = _free_port()
    server = PgServer(folder, port, bin_dir, prefix)
    try:
        subprocess.run(
            [
                *prefix,
                str(bin_dir / "initdb"),
                "-D",
                str(folder / "data"),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-sync",
            ],
            capture_output=True,
            check=True,
            timeout=120,
        )
        server.resume()
    except BaseException:
        server.stop()
        raise
    return server
