"""JSON errors in the same shape ninja uses for validation errors: {"detail": [{loc, msg, type}]}."""

from ninja.errors import HttpError


class ParameterError(HttpError):
    def __init__(self, name: str, message: str, error_type: str = "value_error"):
        super().__init__(422, message)
        self.detail = [{"loc": ["query", name], "msg": message, "type": error_type}]


class NotFound(HttpError):
    def __init__(self, message: str):
        super().__init__(404, message)
        self.detail = message
