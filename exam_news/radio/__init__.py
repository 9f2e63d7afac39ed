"""Read-aloud text for district and commune loudspeaker radio bulletins."""

from .speech import read_aloud

__all__ = ["read_aloud"]
