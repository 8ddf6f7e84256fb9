"""Shopping cart with per-SKU coupons."""

import uuid
from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")


class CartLine:
    def __init__(self, sku, unit_price, qty=1):
        self.sku = sku
        self.unit_price = Decimal(unit_price)
        self.qty = qty
        self.discount = Decimal("0")

    @property
    def total(self):
        gross = self.unit_price * self.qty
        return (gross - gross * self.discount).quantize(CENT, ROUND_HALF_UP)


class Coupon:
    def __init__(self, code, sku, percent):
        self.code = code
        self.sku = sku
        self.percent = Decimal(percent)


class Cart:
    def __init__(self):
        self.id = str(uuid.uuid4())
        self.lines = {}
        self.coupons = []

    def add(self, sku, unit_price, qty=1):
        if qty < 1:
            raise ValueError(f"invalid quantity {qty} for {sku}")
        line = self.lines.get(sku)
        if line is None:
            self.lines[sku] = CartLine(sku, unit_price, qty)
        else:
            line.qty += qty

    def remove(self, sku):
        del self.lines[sku]

    def apply_coupon(self, coupon):
        line = self.lines[coupon.code]
        line.discount = coupon.percent / 100
        self.coupons.append(coupon)

    @property
    def total(self):
        return sum((l.total for l in self.lines.values()), Decimal("0.00"))
