"""Convert raw probe values into canonical units."""

ADC_MAX = 4095


def to_celsius(value: float, unit: str) -> float:
    unit = unit.upper()
    if unit == "C":
        return float(value)
    if unit == "K":
        return round(value - 273.15, 2)
    if unit == "F":
        return round(value * 5 / 9 - 32, 2)
    raise ValueError(f"unknown temperature unit {unit!r}")


def humidity_pct(adc: int) -> float:
    """Map a 12-bit ADC reading of the humidity probe to %RH, clamped."""
    pct = adc / ADC_MAX * 100.0
    return round(min(100.0, max(0.0, pct)), 1)
