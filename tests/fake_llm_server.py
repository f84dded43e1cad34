"""A tiny OpenAI-compatible chat server on 127.0.0.1 that replies with a scripted answer.

`FakeLLMServer` runs `http.server` in a thread on a free loopback port and answers
POST /v1/chat/completions with whatever `reply`, `status` and `delay_s` say; every
request body is kept in `requests` so tests can read the prompt that was sent.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeLLMServer:
    """Scripted chat completions over real HTTP; use as a context manager."""

    def __init__(self) -> None:
        self.reply = ""
        self.status = 200
        self.delay_s = 0.0
        self.requests: list[dict] = []
        self.paths: list[str] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def script(self, reply: str = "", status: int = 200, delay_s: float = 0.0) -> None:
        """Set what the next requests get back."""
        self.reply, self.status, self.delay_s = reply, status, delay_s

    def __enter__(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def _handler_for(fake: FakeLLMServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server naming)
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            fake.paths.append(self.path)
            fake.requests.append(body)
            if fake.delay_s:
                time.sleep(fake.delay_s)
            if self.path != "/v1/chat/completions":
                return self._send(404, {"error": {"message": f"no route {self.path}"}})
            if fake.status != 200:
                return self._send(fake.status, {"error": {"message": "scripted failure", "type": "server_error"}})
            self._send(200, _completion(body.get("model", ""), fake.reply))

        def _send(self, status: int, payload: dict) -> None:
            data = json.dumps(payload).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test): nothing to answer

        def log_message(self, *args) -> None:
            pass

    return Handler


def _completion(model: str, text: str) -> dict:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
    }
