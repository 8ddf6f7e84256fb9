from decimal import Decimal

import pytest

from shopkit.cart import Cart, Coupon


@pytest.fixture
def cart():
    c = Cart()
    c.add("SKU-0100", "19.99", qty=2)
    c.add("SKU-0200", "5.00", qty=3)
    return c


def test_total(cart):
    assert cart.total == Decimal("54.98")


def test_add_merges_lines(cart):
    cart.add("SKU-0100", "19.99")
    assert cart.lines["SKU-0100"].qty == 3


def test_invalid_quantity(cart):
    with pytest.raises(ValueError):
        cart.add("SKU-0300", "1.00", qty=0)


def test_percent_coupon(cart):
    cart.apply_coupon(Coupon("SPRING24", "SKU-0100", 10))
    assert cart.total == Decimal("50.98")


def test_coupon_on_cheap_line(cart):
    cart.apply_coupon(Coupon("FIVEOFF", "SKU-0200", 20))
    assert cart.lines["SKU-0200"].total == Decimal("12.00")


class TestCouponStacking:
    def test_two_coupons_two_lines(self, cart):
        cart.apply_coupon(Coupon("WELCOME", "SKU-0100", 5))
        cart.apply_coupon(Coupon("BULK3", "SKU-0200", 10))
        assert len(cart.coupons) == 2
