// Package store keeps snapshots of balances on disk.
package store

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Store is a directory of JSON snapshots guarded by a lock file.
type Store struct {
	Dir string
}

// Open prepares dir/data for snapshots and takes dir/run/LOCK.
func Open(dir string) (*Store, error) {
	if err := os.MkdirAll(filepath.Join(dir, "data"), 0o755); err != nil {
		return nil, err
	}
	lock := filepath.Join(dir, "run", "LOCK")
	if err := os.WriteFile(lock, []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return nil, fmt.Errorf("store: take lock: %w", err)
	}
	return &Store{Dir: dir}, nil
}

// Save writes a snapshot named name.
func (s *Store) Save(name string, balances map[string]int64) error {
	b, err := json.Marshal(balances)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(s.Dir, "data", name+".json"), b, 0o644)
}

// Load reads a snapshot.
func (s *Store) Load(name string) (map[string]int64, error) {
	b, err := os.ReadFile(filepath.Join(s.Dir, "data", name+".json"))
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	return out, json.Unmarshal(b, &out)
}
