import csv
import io

from shopkit.cart import Cart
from shopkit.reports import line_report


def test_csv_export():
    c = Cart()
    c.add("SKU-9", "9.99", 1)
    out = io.StringIO()
    csv.writer(out).writerows(line_report(c.lines.values()))
    assert out.getvalue() == "SKU-9,1,9.99\r\n"
