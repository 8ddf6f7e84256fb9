"""Slicing of catalogue listings into pages."""

import math


class PageOutOfRange(LookupError):
    pass


class Page:
    def __init__(self, items, number, paginator):
        self.items = items
        self.number = number
        self.paginator = paginator

    def __len__(self):
        return len(self.items)

    def __iter__(self):
        return iter(self.items)

    @property
    def has_next(self):
        return self.number < self.paginator.num_pages

    @property
    def has_previous(self):
        return self.number > 1

    @property
    def start_index(self):
        """1-based index of the first item on this page."""
        if not self.paginator.count:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    @property
    def end_index(self):
        """1-based index of the last item on this page."""
        return self.start_index + len(self.items) - 1

    def __repr__(self):
        return f"<Page {self.number} of {self.paginator.num_pages}>"


class Paginator:
    def __init__(self, items, per_page=10):
        if per_page < 1:
            raise ValueError(f"per_page must be >= 1, got {per_page}")
        self.items = list(items)
        self.per_page = per_page

    @property
    def count(self):
        return len(self.items)

    @property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))

    def page(self, number):
        if number < 1 or number > self.num_pages:
            raise PageOutOfRange(f"page {number} not in 1..{self.num_pages}")
        start = (number - 1) * self.per_page
        end = start + self.per_page - 1
        return Page(self.items[start:end], number, self)

    def __iter__(self):
        for n in range(1, self.num_pages + 1):
            yield self.page(n)
