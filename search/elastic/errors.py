class SearchBackendError(Exception):
    """Elasticsearch could not answer (unreachable, timed out, circuit open, refused the request).

    ``reason`` is one of "not_configured", "circuit_open", "unavailable" (connection error, timeout, 5xx/429) or
    "error" (the server answered with an error, or the answer could not be read).
    """

    def __init__(self, message: str, reason: str = "error") -> None:
        super().__init__(message)
        self.reason = reason
