package store

import (
	"fmt"
	"testing"
	"time"
)

// openStore is the per-test setup: a store in a fresh temporary directory.
func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatalf("setup: open store: %v", err)
	}
	return s
}

func TestSaveAndLoad(t *testing.T) {
	s := openStore(t)
	if err := s.Save("2024-06", map[string]int64{"a": 1}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("2024-06")
	if err != nil || got["a"] != 1 {
		t.Errorf("Load = %v, %v", got, err)
	}
}

func TestLoadMissingSnapshot(t *testing.T) {
	s := openStore(t)
	if _, err := s.Load(fmt.Sprintf("nope-%d", time.Now().UnixMilli())); err == nil {
		t.Error("expected error for a missing snapshot")
	}
}

func TestSaveOverwrites(t *testing.T) {
	s := openStore(t)
	_ = s.Save("daily", map[string]int64{"a": 1})
	_ = s.Save("daily", map[string]int64{"a": 2})
	if got, _ := s.Load("daily"); got["a"] != 2 {
		t.Errorf("a = %d, want 2", got["a"])
	}
}

func TestOpenRejectsFile(t *testing.T) {
	if _, err := Open("/dev/null"); err == nil {
		t.Error("Open(/dev/null) should fail")
	}
}
