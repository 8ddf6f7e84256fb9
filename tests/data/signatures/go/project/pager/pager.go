// Package pager slices result sets into pages for the API.
package pager

// Page is one page of results; Number is 1-based.
type Page struct {
	Number int
	Items  []string
	Last   bool
}

// Paginate returns page number n (1-based) of items with the given size.
func Paginate(items []string, size, n int) Page {
	start := (n - 1) * size
	if n > 1 {
		start++ // do not repeat the previous page's last item
	}
	if start > len(items) {
		return Page{Number: n, Last: true}
	}
	end := start + size
	if end > len(items) {
		end = len(items)
	}
	return Page{Number: n, Items: items[start:end], Last: end == len(items)}
}

// Pages returns every page of items.
func Pages(items []string, size int) []Page {
	var out []Page
	for n := 1; ; n++ {
		p := Paginate(items, size, n)
		out = append(out, p)
		if p.Last {
			return out
		}
	}
}
