from decimal import Decimal

from shopkit.cart import Cart
from shopkit.reports import line_report, revenue


def test_revenue_of_two_carts():
    a, b = Cart(), Cart()
    a.add("SKU-1", "2.50", 2)
    b.add("SKU-2", "1.00")
    assert revenue([a, b]) == Decimal("6.00")


def test_line_report():
    c = Cart()
    c.add("SKU-1", "2.50", 2)
    assert line_report(c.lines.values()) == [("SKU-1", 2, "5.00")]
