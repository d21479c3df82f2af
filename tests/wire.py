"""What a visitor's browser receives over the app's WebSocket, counted on the wire.

A client library hands its caller the messages already inflated, so the bytes are counted by a
small TCP relay between the client and the server (loopback only): what goes through it is what a
phone's connection would carry.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from bench.common import REVEAL
from bench.ws_load import rerun_message, run_script


async def _relay(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, counted: list[int] | None) -> None:
    try:
        while data := await reader.read(65536):
            if counted is not None:
                counted[0] += len(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def _biomarker_reveal(base_url: str, compression: str | None) -> dict[str, object]:
    import websockets
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    target = urlsplit(base_url)
    down = [0]

    async def connected(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection(target.hostname, target.port)
        await asyncio.gather(_relay(client_r, server_w, None), _relay(server_r, client_w, down))

    relay = await asyncio.start_server(connected, "127.0.0.1", 0)
    port = relay.sockets[0].getsockname()[1]
    payload = 0

    def rerun(states=(), fragment_id: str = ""):
        return rerun_message("biomarker?lang=en&pnfh=2000", states, fragment_id)

    class Counting:
        """The connection, with the inflated size of each message it hands over counted."""

        def __init__(self, ws) -> None:
            self.ws = ws

        async def send(self, data: bytes) -> None:
            await self.ws.send(data)

        def __aiter__(self):
            return self

        async def __anext__(self) -> bytes:
            nonlocal payload
            raw = await self.ws.recv()
            payload += len(raw)
            return raw

    async with relay:
        uri = f"ws://127.0.0.1:{port}/_stcore/stream"
        async with websockets.connect(
            uri, subprotocols=["streamlit"], compression=compression, max_size=None, origin=base_url
        ) as ws:
            extensions = ws.response.headers.get("Sec-WebSocket-Extensions", "")
            counting = Counting(ws)
            widgets = await run_script(counting, rerun())
            button, fragment = widgets[f"button:{REVEAL}"]
            drawn = await run_script(counting, rerun([WidgetState(id=button.id, trigger_value=True)], fragment))
        relay.close()
    return {"extensions": extensions, "payload": payload, "wire": down[0], "explorer": "explorer" in drawn}


def biomarker_reveal(base_url: str, compression: str | None = "deflate") -> dict[str, object]:
    """Open /biomarker?pnfh=2000 and press "Show the survival numbers", as a browser would, over
    the WebSocket: the extension the server agreed to, the messages' inflated size, the bytes
    that came down the wire (handshake included) and whether the level explorer was drawn."""
    # In a thread of its own: Playwright's sync API keeps an event loop running in the test's thread.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, _biomarker_reveal(base_url, compression)).result()
