"""mitmproxy addon for samples/tracker/make_capture.py: answer every request locally (no upstream).

The sample's analytics host does not exist here; answering in the ``request``
hook (with ``connection_strategy=lazy``) means mitmproxy never connects out.
"""

from mitmproxy import http


class Responder:
    def request(self, flow: http.HTTPFlow) -> None:
        flow.response = http.Response.make(200, b'{"status":0}', {"content-type": "application/json"})


addons = [Responder()]
