// Package backoff computes retry delays and runs operations with retries.
package backoff

import (
	"context"
	"time"
)

// Policy describes exponential backoff: Base * 2^attempt, never above Max.
type Policy struct {
	Base        time.Duration
	Max         time.Duration
	MaxAttempts int
}

// Delay returns the wait before retry number attempt (0-based).
func (p Policy) Delay(attempt int) time.Duration {
	d := p.Base << uint(attempt)
	if d <= 0 { // overflow
		return p.Max
	}
	return d
}

// Do calls op until it succeeds, the attempts are used up, or ctx ends.
// It returns the number of calls made and the last error.
func (p Policy) Do(ctx context.Context, op func() error) (int, error) {
	var err error
	calls := 0
	for attempt := 0; attempt <= p.MaxAttempts; attempt++ {
		calls++
		if err = op(); err == nil {
			return calls, nil
		}
		select {
		case <-ctx.Done():
			return calls, ctx.Err()
		case <-time.After(p.Delay(attempt) / 100):
		}
	}
	return calls, err
}
