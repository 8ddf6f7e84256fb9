import pytest

from greenhouse.calibration import humidity_pct, to_celsius


def test_celsius_passthrough():
    assert to_celsius(21.5, "c") == 21.5


def test_kelvin():
    assert to_celsius(294.15, "K") == pytest.approx(21.0, abs=0.01)


@pytest.mark.parametrize("fahrenheit,celsius", [
    (-40, -40.0), (32, 0.0), (50, 10.0), (68, 20.0),
    (77, 25.0), (86, 30.0), (98.6, 37.0), (212, 100.0),
])
def test_fahrenheit(fahrenheit, celsius):
    assert to_celsius(fahrenheit, "F") == pytest.approx(celsius, abs=0.01)


def test_humidity_clamped():
    assert humidity_pct(0) == 0.0
    assert humidity_pct(4095) == 100.0
    assert humidity_pct(5000) == 100.0
