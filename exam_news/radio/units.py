"""Units and marks written after a number, and how they are said.

Symbols are read as Vietnamese announcers say them: spelt as syllables (ki lô mét, héc ta), "°C" as "độ c"
(the shared examples' spelling, which every announcer reads "độ xê"), primes as minutes and seconds
(45' → bốn mươi lăm phút, 30'' → ba mươi giây),
currencies by name (đ, VNĐ → đồng; USD → đô la Mỹ; $ → đô la), "%" phần trăm and "‰" phần nghìn.
"""

from __future__ import annotations

from types import MappingProxyType

DEGREES_C = "độ c"

UNIT_WORDS = MappingProxyType({
    "km/h": "ki lô mét trên giờ",
    "km²": "ki lô mét vuông",
    "km2": "ki lô mét vuông",
    "cm²": "xen ti mét vuông",
    "cm2": "xen ti mét vuông",
    "m²": "mét vuông",
    "m2": "mét vuông",
    "m³": "mét khối",
    "m3": "mét khối",
    "km": "ki lô mét",
    "dm": "đề xi mét",
    "cm": "xen ti mét",
    "mm": "mi li mét",
    "m": "mét",
    "kg": "ki lô gam",
    "mg": "mi li gam",
    "g": "gam",
    "ml": "mi li lít",
    "ha": "héc ta",
    "kWh": "ki lô oát giờ",
    "kW": "ki lô oát",
    "MW": "mê ga oát",
    "GB": "gi ga bai",
    "MB": "mê ga bai",
    "°C": DEGREES_C,
    "ºC": DEGREES_C,
    "℃": DEGREES_C,
    "oC": DEGREES_C,
    "°F": "độ ép",
    "°": "độ",
    "%": "phần trăm",
    "‰": "phần nghìn",
    "VNĐ": "đồng",
    "VND": "đồng",
    "vnđ": "đồng",
    "USD": "đô la Mỹ",
    "$": "đô la",
    "€": "ơ rô",
    "EUR": "ơ rô",
    "đ": "đồng",
    "k": "nghìn",
    "tr": "triệu",
    "''": "giây",
    "″": "giây",
    "'": "phút",
    "′": "phút",
})
