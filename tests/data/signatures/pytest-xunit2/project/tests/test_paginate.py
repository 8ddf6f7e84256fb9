import pytest

from shopkit.paginate import PageOutOfRange, Paginator

SKUS = [f"SKU-{n:04d}" for n in range(1, 49)]


@pytest.mark.parametrize("per_page", [3, 5, 10, 12])
def test_first_page_is_full(per_page):
    page = Paginator(SKUS, per_page=per_page).page(1)
    assert len(page) == per_page


def test_num_pages():
    assert Paginator(SKUS, per_page=10).num_pages == 5
    assert Paginator([], per_page=10).num_pages == 1


def test_pages_cover_every_item():
    seen = [sku for page in Paginator(SKUS, per_page=7) for sku in page]
    assert len(seen) == len(SKUS)


def test_end_index_of_second_page():
    page = Paginator(SKUS, per_page=20).page(2)
    assert page.end_index == 40


def test_out_of_range_page():
    with pytest.raises(PageOutOfRange):
        Paginator(SKUS, per_page=10).page(6)


def test_has_next_and_previous():
    p = Paginator(SKUS, per_page=24)
    assert p.page(1).has_next and not p.page(1).has_previous
    assert p.page(2).has_previous and not p.page(2).has_next
