package backoff

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

var policy = Policy{Base: 100 * time.Millisecond, Max: 5 * time.Second, MaxAttempts: 4}

func TestDelayIsCapped(t *testing.T) {
	tests := []struct {
		attempt int
		want    time.Duration
	}{
		{0, 100 * time.Millisecond},
		{2, 400 * time.Millisecond},
		{6, 5 * time.Second},
		{7, 5 * time.Second},
		{9, 5 * time.Second},
		{12, 5 * time.Second},
		{20, 5 * time.Second},
	}
	for _, tt := range tests {
		tt := tt
		t.Run(fmt.Sprintf("attempt_%d", tt.attempt), func(t *testing.T) {
			if got := policy.Delay(tt.attempt); got != tt.want {
				t.Errorf("Delay(%d) = %v, want %v", tt.attempt, got, tt.want)
			}
		})
	}
}

func TestDoStopsAfterMaxAttempts(t *testing.T) {
	start := time.Now()
	calls, err := policy.Do(context.Background(), func() error { return errors.New("connection refused") })
	if err == nil {
		t.Fatal("expected an error")
	}
	if calls != policy.MaxAttempts {
		t.Errorf("Do made %d calls, want %d (took %v)", calls, policy.MaxAttempts, time.Since(start))
	}
}

func TestDoSingleAttempt(t *testing.T) {
	p := Policy{Base: time.Millisecond, Max: time.Second, MaxAttempts: 1}
	calls, _ := p.Do(context.Background(), func() error { return fmt.Errorf("timeout at %d", time.Now().UnixMilli()) })
	if calls != 1 {
		t.Errorf("Do made %d calls, want %d", calls, 1)
	}
}

func TestDoSucceedsOnLastAttempt(t *testing.T) {
	n := 0
	calls, err := policy.Do(context.Background(), func() error {
		n++
		if n < 5 {
			return fmt.Errorf("attempt %d failed", n)
		}
		return nil
	})
	if err == nil {
		t.Errorf("Do succeeded after %d calls; the policy allows only %d", calls, policy.MaxAttempts)
	}
}

func TestDoSucceedsFirstTime(t *testing.T) {
	calls, err := policy.Do(context.Background(), func() error { return nil })
	if err != nil || calls != 1 {
		t.Errorf("Do = %d, %v; want 1, nil", calls, err)
	}
}
