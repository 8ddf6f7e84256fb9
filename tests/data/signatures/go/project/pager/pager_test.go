package pager

import (
	"fmt"
	"testing"
	"time"
)

func ids(n int) []string {
	base := time.Now().UnixMicro()
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("evt-%d", base+int64(i))
	}
	return out
}

func TestFirstPage(t *testing.T) {
	p := Paginate(ids(12), 5, 1)
	if len(p.Items) != 5 {
		t.Errorf("page 1 has %d items, want %d", len(p.Items), 5)
	}
}

func TestSecondPageStartsAfterFirst(t *testing.T) {
	items := ids(12)
	p := Paginate(items, 5, 2)
	if len(p.Items) == 0 || p.Items[0] != items[5] {
		t.Errorf("page 2 starts with %v, want %s", p.Items[:1], items[5])
	}
}

func TestPagesCoverEveryItem(t *testing.T) {
	items := ids(23)
	total := 0
	for _, p := range Pages(items, 5) {
		total += len(p.Items)
	}
	if total != len(items) {
		t.Errorf("pages hold %d items, want %d", total, len(items))
	}
}

func TestLastPageSize(t *testing.T) {
	p := Paginate(ids(14), 4, 4)
	if len(p.Items) != 2 {
		t.Errorf("page 4 has %d items, want %d", len(p.Items), 2)
	}
}
