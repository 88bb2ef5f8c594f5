"""A real OpenSearch node for tests, run from Maven Central jars (see tests/cluster/README.md).

`build_launcher()` compiles tests/cluster once into tests/cluster/target; `start_node()` runs one
JVM on 127.0.0.1, `wait_for_health()` polls it, `stop_node()` ends it. The session fixture
`opensearch_url` does all of this for a single node; tests or conftest.py get it with
`pytest_plugins = ["tests.cluster_node"]` or `from tests.cluster_node import opensearch_url`.
PYTEST_DONT_REWRITE: no asserts here, and test modules import it before pytest_plugins loads it.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

CLUSTER_DIR = Path(__file__).resolve().parent / "cluster"
TARGET_DIR = CLUSTER_DIR / "target"
MAIN_CLASS = "casebook.cluster.ClasspathNode"
# Small heap; C1 only starts ~2x faster and serial GC keeps RSS ~25% lower, plenty for test loads.
JVM_OPTIONS = ("-Xms256m", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
HEALTH_RANK = {"red": 0, "yellow": 1, "green": 2}


class NodeError(RuntimeError):
    """The launcher could not be built, or a node died or never became healthy."""


@dataclass
class NodeHandle:
    process: subprocess.Popen
    url: str
    home: Path
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return "(no node log)"
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def missing_tools() -> list[str]:
    """Names of the command-line tools the node needs but PATH lacks."""
    return [tool for tool in ("java", "mvn") if shutil.which(tool) is None]


def _sources_mtime() -> float:
    sources = [CLUSTER_DIR / "pom.xml", *(CLUSTER_DIR / "src").rglob("*")]
    return max(path.stat().st_mtime for path in sources if path.is_file())


def _launcher_is_fresh() -> bool:
    marker = TARGET_DIR / "classes" / (MAIN_CLASS.replace(".", "/") + ".class")
    lib = TARGET_DIR / "lib"
    return marker.exists() and lib.is_dir() and marker.stat().st_mtime >= _sources_mtime()


def _maven(offline: bool) -> subprocess.CompletedProcess:
    command = ["mvn", "-q", "-B", *(["-o"] if offline else []), "compile"]
    return subprocess.run(command, cwd=CLUSTER_DIR, capture_output=True, text=True, timeout=900)


def build_launcher() -> str:
    """Compile the launcher unless target/ is up to date; return its java classpath.

    Tries Maven offline first (a warm ~/.m2 needs no network), then online.
    """
    if not _launcher_is_fresh():
        result = _maven(offline=True)
        if result.returncode != 0:
            result = _maven(offline=False)
        if result.returncode != 0:
            raise NodeError(f"mvn compile failed in {CLUSTER_DIR}:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
    return f"{TARGET_DIR / 'classes'}{os.pathsep}{TARGET_DIR / 'lib' / '*'}"


def free_ports(count: int) -> list[int]:
    """`count` distinct TCP ports on 127.0.0.1 that were free a moment ago."""
    sockets = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def node_command(classpath: str, http_port: int, transport_port: int, home: Path,
                 cluster_name: str, seed_ports: list[int] | None = None,
                 jvm_options: tuple[str, ...] = JVM_OPTIONS) -> list[str]:
    command = ["java", *jvm_options, "-cp", classpath, MAIN_CLASS,
               f"--http-port={http_port}", f"--transport-port={transport_port}",
               f"--home={home}", f"--cluster-name={cluster_name}", "--exit-on-stdin-eof=true"]
    if seed_ports:
        command.append("--seed-ports=" + ",".join(str(port) for port in seed_ports))
    return command


def start_node(http_port: int, transport_port: int, home: Path, cluster_name: str,
               seed_ports: list[int] | None = None, jvm_options: tuple[str, ...] = JVM_OPTIONS) -> NodeHandle:
    """Start one node JVM in the background (it logs to home/node.log); pair with stop_node().

    With seed_ports (the transport ports of all nodes, this one included) the nodes form one
    cluster; without, the node is a single-node cluster. Returns at once: use wait_for_health().
    The node's stdin is a pipe from this process and it exits when that closes, so a killed
    test run leaves no JVM behind.
    """
    classpath = build_launcher()
    home = Path(home)
    home.mkdir(parents=True, exist_ok=True)
    log_path = home / "node.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            node_command(classpath, http_port, transport_port, home, cluster_name, seed_ports, jvm_options),
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.PIPE, start_new_session=True)
    return NodeHandle(process, f"http://127.0.0.1:{http_port}", home, log_path)


def _health(url: str, status: str) -> dict | None:
    try:
        response = requests.get(f"{url}/_cluster/health",
                                params={"wait_for_status": status, "timeout": "1s"}, timeout=5)
    except requests.ConnectionError:
        return None
    if response.status_code not in (200, 408):  # 408: status not reached yet; 503: no cluster manager
        return None
    return response.json()


def wait_for_health(url: str, status: str = "green", timeout: float = 90.0,
                    handles: tuple[NodeHandle, ...] = ()) -> dict:
    """Poll until the cluster behind url is at least `status`; return the health body.

    Raises NodeError at the deadline, or as soon as one of `handles` has exited (with its log).
    """
    deadline = time.monotonic() + timeout
    while True:
        for handle in handles:
            if handle.process.poll() is not None:
                raise NodeError(f"node {handle.url} exited with {handle.process.returncode}:\n{handle.log_tail()}")
        health = _health(url, status)
        if health and HEALTH_RANK[health["status"]] >= HEALTH_RANK[status]:
            return health
        if time.monotonic() > deadline:
            logs = "\n".join(handle.log_tail() for handle in handles)
            raise NodeError(f"{url} not {status} after {timeout:.0f}s (last: {health}):\n{logs}")
        time.sleep(0.5)


def stop_node(handle: NodeHandle, timeout: float = 30.0) -> int:
    """SIGTERM the node (it closes cleanly), SIGKILL it after timeout; return its exit code."""
    if handle.process.poll() is None:
        handle.process.send_signal(signal.SIGTERM)
        try:
            handle.process.wait(timeout)
        except subprocess.TimeoutExpired:
            handle.process.kill()
            handle.process.wait()
    handle.process.stdin.close()
    return handle.process.returncode


def skip_unless_tools() -> None:
    """Skip when java or mvn is missing; under CI=true fail instead, so CI never hides it."""
    missing = missing_tools()
    if not missing:
        return
    reason = f"OpenSearch test node needs {' and '.join(missing)} on PATH (Java 17, Maven 3.8)"
    if os.environ.get("CI") == "true":
        pytest.fail(reason + "; CI=true, so this is an error, not a skip", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def opensearch_url(tmp_path_factory):
    """Base URL of a single green OpenSearch node, started once per test session."""
    skip_unless_tools()
    http_port, transport_port = free_ports(2)
    handle = start_node(http_port, transport_port, tmp_path_factory.mktemp("opensearch"), "casebook-test")
    try:
        wait_for_health(handle.url, "green", handles=(handle,))
        yield handle.url
    finally:
        stop_node(handle)
