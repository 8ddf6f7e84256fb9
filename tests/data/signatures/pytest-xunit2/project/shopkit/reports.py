"""Sales reports built from carts."""

from decimal import Decimal

from .cart import LineItem


def line_report(lines):
    rows = []
    for line in lines:
        assert isinstance(line, LineItem)
        rows.append((line.sku, line.qty, str(line.total)))
    return rows


def revenue(carts):
    return sum((c.total for c in carts), Decimal("0.00"))
