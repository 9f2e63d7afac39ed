"""Compiles the project's Vietnamese catalogue (locale/vi/LC_MESSAGES/*.po → *.mo) without GNU gettext.

Run after editing a .po file: `.venv/bin/python tools/i18n/compile_catalogue.py` (polib comes with the test
extra). The .mo files are committed, so installing needs no step; tests/cms/test_translations.py fails when a
.mo no longer matches its .po.
"""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def main() -> None:
    for po_path in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        po = polib.pofile(str(po_path))
        po.save_as_mofile(str(po_path.with_suffix(".mo")))
        print(f"{po_path.relative_to(LOCALE.parent)}: {len(po.translated_entries())} messages")


if __name__ == "__main__":
    main()
