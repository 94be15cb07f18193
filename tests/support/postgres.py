"""A throw-away PostgreSQL server on 127.0.0.1 in a temporary directory, for the test session.

Runs the distribution's own binaries; as root it runs them as the ``postgres`` system user,
because initdb refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import asyncpg


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PostgresServer:
    """initdb + pg_ctl start; ``url`` is a SQLAlchemy asyncpg URL to the ``postgres`` database."""

    def __init__(self) -> None:
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self._pg_ctl = pg_ctl
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.directory = Path(tempfile.mkdtemp(prefix="karierbot-pg-"))
        self.port = _free_port()
        if self._as:
            shutil.chown(self.directory, "postgres", "postgres")
        data = self.directory / "data"
        self._run([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                   "--locale=C.UTF-8"])
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.directory} -c fsync=off"
        self._run([pg_ctl, "-D", str(data), "-o", options, "-l", str(self.directory / "log"),
                   "-w", "-t", "60", "start"])
        self._data = data
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, command: list[str]) -> None:
        subprocess.run([*self._as, *command], check=True, capture_output=True, timeout=120)

    def database_url(self, name: str) -> str:
        return self.url.rsplit("/", 1)[0] + f"/{name}"

    async def create_database(self) -> str:
        """A fresh, empty database on this server; returns its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        admin = await asyncpg.connect(f"postgresql://postgres@127.0.0.1:{self.port}/postgres")
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        return self.database_url(name)

    def stop(self) -> None:
        try:
            self._run([self._pg_ctl, "-D", str(self._data), "-m", "immediate", "stop"])
        finally:
            time.sleep(0.1)
            shutil.rmtree(self.directory, ignore_errors=True)
