"""Starting `drp studio` for a test: on a free port (--port 0; the studio prints the address
it listens on) and stopped when the test ends."""
import contextlib
import http.client
import json
import re
import subprocess


@contextlib.contextmanager
def running_studio(cli, *args):
    p = subprocess.Popen([cli, "studio", *map(str, args), "--port", "0"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = p.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, (line, p.stderr.read() if p.poll() is not None else "")
        yield int(m[1])
    finally:
        p.terminate()
        p.wait(timeout=10)


def request(port, method, path, body=None, headers=None):
    """(status, decoded JSON or text) of one request; `body` a dict is sent as JSON."""
    h = {"Host": f"127.0.0.1:{port}"}
    if isinstance(body, dict):
        body = json.dumps(body).encode()
        h["Content-Type"] = "application/json"
    h.update(headers or {})
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=h)
        r = conn.getresponse()
        data = r.read()
        kind = r.getheader("Content-Type", "")
        return r.status, (json.loads(data) if kind.startswith("application/json") else data.decode()), dict(r.getheaders())
    finally:
        conn.close()


def line_column(text, needle):
    """1-based line and column of the first `needle` in text, counted here, not by drp."""
    at = text.index(needle)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1
